/// Maps the aggregators' state codes to `ShipmentState`.
enum VendorState {
    /// Kdniao `State` / `StateEx` (快递鸟 即时查询/轨迹推送 API 文档, 物流状态说明):
    /// State 0 暂无轨迹, 1 已揽收, 2 在途中, 3 签收, 4 问题件, 5 转寄, 6 清关;
    /// StateEx refines it: 201 到达派件城市, 202 派件中, 211 已放入快递柜或驿站, 204 到达转运中心, 205 到达派件网点,
    /// 206 寄件网点发出, 301–304/311 签收, 401–412 问题件 (404 拒收/退件, 406 退货签收, 407 退货未签收),
    /// 601–604 清关, 10 待揽件.
    static func kdniao(state: String?, stateEx: String?) -> ShipmentState? {
        if let ex = stateEx.flatMap({ Int($0) }) {
            switch ex {
            case 1, 10, 101, 102, 103: return .collected
            case 202, 211: return .outForDelivery
            case 2, 201, 203, 204, 205, 206, 5, 501: return .inTransit
            case 3, 301...399: return .delivered
            case 404, 406, 407: return .returning
            case 4, 401...499: return .problem
            case 6, 601...699: return .customs
            default: break
            }
        }
        switch state.flatMap({ Int($0) }) {
        case 1: return .collected
        case 2, 5: return .inTransit
        case 3: return .delivered
        case 4: return .problem
        case 6: return .customs
        default: return nil  // 0: no trace yet; derive from the text
        }
    }

    /// Kuaidi100 `state` (快递100 实时查询 API, 快递单当前状态): 0 在途, 1 揽收, 2 疑难, 3 签收, 4 退签, 5 派件,
    /// 6 退回, 7 转投, 8 清关, 14 拒签; with `resultv2` the sub-states 101–103 (下单/待揽/已揽), 1001–1003 (在途),
    /// 201–210 (疑难), 301–304 (签收), 401 (退签), 501 (投柜或驿站), 10–13 (清关).
    static func kuaidi100(state: String?) -> ShipmentState? {
        guard let code = state.flatMap({ Int($0) }) else { return nil }
        switch code {
        case 0, 7, 1001, 1002, 1003: return .inTransit
        case 1, 101, 102, 103: return .collected
        case 2, 14, 201...299: return .problem
        case 3, 301...399: return .delivered
        case 4, 6, 401...499: return .returning
        case 5, 501...599: return .outForDelivery
        case 8, 10...13: return .customs
        default: return nil
        }
    }

    /// Kuaidi100 per-event `status` words (在途, 揽收, 签收, 派件, 退回, 退签, 清关, 疑难, 拒签, 转投).
    static func kuaidi100Event(_ status: String?) -> ShipmentState? {
        guard let s = status, !s.isEmpty else { return nil }
        if s.contains("签收") { return .delivered }
        if s.contains("退") { return .returning }
        if s.contains("拒签") || s.contains("疑难") { return .problem }
        if s.contains("派") || s.contains("投柜") { return .outForDelivery }
        if s.contains("揽") { return .collected }
        if s.contains("清关") { return .customs }
        if s.contains("在途") || s.contains("转投") || s.contains("干线") { return .inTransit }
        return nil
    }
}
