import Geocoding
import HTTPServer
import MapRendering

// How each layer's typed errors become HTTP problems: the one place that knows both sides.

extension TraceError: HTTPErrorConvertible {
    public var httpError: HTTPError { HTTPError(status: httpStatus, code: code.rawValue, message: message) }
}

extension RenderError: HTTPErrorConvertible {
    public var httpError: HTTPError { HTTPError(status: httpStatus, code: code.rawValue, message: message) }
}

extension ShipmentError: HTTPErrorConvertible {
    public var httpError: HTTPError { HTTPError(status: httpStatus, code: code, message: description) }
}
