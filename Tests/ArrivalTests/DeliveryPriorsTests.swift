import Testing
@testable import Arrival

@Suite struct DeliveryPriorsTests {
    let priors = DeliveryPriors.standard

    @Test func legMediansNeverFallWithDistance() {
        for carrierClass in [DeliveryPriors.CarrierClass.road, .expressAir] {
            var previous = 0.0
            for km in stride(from: 0.0, through: 13_000, by: 25) {
                let median = priors.leg(km: km, carrierClass: carrierClass).median
                #expect(median >= previous, "\(carrierClass) at \(km) km: \(median) h after \(previous) h")
                previous = median
            }
        }
    }

    @Test func flyingIsNeverSlowerThanRoad() {
        for km in stride(from: 0.0, through: 13_000, by: 100) {
            #expect(priors.leg(km: km, carrierClass: .expressAir).median <= priors.leg(km: km, carrierClass: .road).median)
        }
        #expect(priors.leg(km: 2000, carrierClass: .expressAir).median < priors.leg(km: 2000, carrierClass: .road).median)
        #expect(priors.leg(km: 500, carrierClass: .expressAir) == priors.leg(km: 500, carrierClass: .road))
    }

    @Test func carriersAreClassedByTheirAliases() {
        for name in ["SF", "shunfeng", "SFEXPRESS", "顺丰速运", "EMS", "jd", "jingdong", "京东快递"] {
            #expect(priors.carrierClass(name) == .expressAir, "\(name)")
        }
        for name in ["ZTO", "zhongtong", "申通快递", "yunda", "YunExpress", nil] {
            #expect(priors.carrierClass(name) == .road, "\(name ?? "nil")")
        }
    }

    @Test func eightyPercentIntervalOfALogNormal() {
        let d = LogNormal(median: 10, sigma: 0.5)
        #expect(abs(d.quantile(0.5) - 10) < 1e-6)
        #expect(abs(d.quantile(0.9) - 10 * exp(0.5 * 1.2815516)) < 1e-3)
        #expect(abs(LogNormal.normalQuantile(0.1) + 1.2815516) < 1e-6)
    }
}

import Foundation
