// HTTPServer: HTTP/1.1 over POSIX sockets: request decoding, responses, limits, keep-alive; knows nothing of maps.
