package sample

// Planted segment names, as written to the truth file. The six residential segments are those
// of the National Grid USA case in DOMAIN.md; business customers are planted by customer class.
const (
	BasicService         = "basic-service"
	Affluent             = "affluent"
	Engaged              = "engaged"
	GasHeating           = "gas-heating"
	FinanciallyStressed  = "financially-stressed"
	Comfortable          = "comfortable"
	BusinessCommercial   = "business-commercial"   // 一般工商业
	BusinessIndustrial   = "business-industrial"   // 大工业
	BusinessAgricultural = "business-agricultural" // 农业生产
)

// Vocabulary of the exports (queries/EXPORTS.md).
var (
	regionNames   = [3]string{"东部", "中部", "西部"}
	heatingNames  = [3]string{"电采暖", "燃气", "其他"}
	specialNames  = [4]string{"无", "老年", "低保", "残疾"}
	housingNames  = [2]string{"自有", "租赁"}
	ticketTypes   = [6]string{"投诉", "咨询", "故障报修", "意见建议", "表扬", "催办"}
	contactNames  = [5]string{"95598电话", "网上国网", "微信公众号", "营业厅", "短信"}
	channelNames  = [18]string{"营业厅", "银行代收", "银行转账结算", "邮政储蓄", "同城特约委托", "银行卡", "网上银行", "电话银行", "手机银行", "银行自助终端", "电力自助终端", "充值卡", "社会代收点", "临时收费点", "IC卡预付费", "负控预付费", "走收", "合作营业厅"}
	outageTypes   = [2]string{"计划停电", "故障停电"}
	residentialKV = []float64{4, 6, 8, 10, 12, 16, 20}
	businessKVA   = []float64{30, 50, 80, 100, 125, 160, 200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600, 2000, 2500, 3150, 4000, 5000, 6300, 8000, 10000, 12500, 16000, 20000, 25000, 31500, 40000, 50000, 63000, 80000}
)

// Indices into the vocabularies above.
const (
	east, central, west = 0, 1, 2

	electric, gas, otherHeating = 0, 1, 2

	complaint, inquiry, faultReport = 0, 1, 2

	chHall, chBankCollect, chBankTransfer, chPostal, chEntrusted, chBankCard, chOnline, chPhoneBank, chMobile, chBankTerminal, chPowerTerminal, chRechargeCard, chSocialPoint, chTempPoint, chICCard, chLoadControl, chDoorToDoor, chPartnerHall = 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17
)

// channels builds a dist over the 18 payment channels from (channel, weight) pairs.
func channels(pairs ...float64) dist {
	w := make([]float64, len(channelNames))
	for i := 0; i+1 < len(pairs); i += 2 {
		w[int(pairs[i])] = pairs[i+1]
	}
	return weights(w...)
}

// voltageClass is one supply voltage of a business class: its share within the class and the
// median contract capacity at that voltage.
type voltageClass struct {
	name        string
	share       float64
	medianKVA   float64
	outageScale float64 // higher voltages are supplied by dedicated, more reliable lines
}

// profile holds the traits of one planted segment. Each customer draws individual values
// around them, so that segments overlap as real customers do.
type profile struct {
	name  string
	class string  // 用电类别
	share float64 // within residential or within business customers

	region        dist // east, central, west
	owner         float64
	heating       dist // electric, gas, other
	special       dist // 无, 老年, 低保, 残疾
	household     dist // sizes 1..n
	tenureYears   float64
	tenureSigma   float64
	capacityKVA   float64 // residential median contract capacity
	kwhMedian     float64 // residential median monthly kWh
	kwhSigma      float64
	peakShare     float64
	industries    []string
	industryDist  dist
	voltages      []voltageClass
	voltageDist   dist
	utilisation   float64 // business: median monthly kWh / (capacity × 730 h)
	tariff        float64 // business yuan per kWh
	capacityPrice float64 // business yuan per kVA and month (大工业 two-part tariff)

	missProb     float64 // a bill never paid at all
	payOffset    float64 // mean days paid before (−) or after (+) the due date
	payOffsetSD  float64
	lateProb     float64 // a bill paid late, by an exponential number of days
	lateDays     float64
	partialProb  float64 // a bill paid in part first
	arrearsProb  float64 // the customer stops paying at some month
	channel      dist
	outageMean   float64 // expected outage rows in the last 365 days
	reportProb   float64 // an outage is reported as a 故障报修 ticket
	ticketRate   float64 // other tickets per year
	ticketType   dist
	contact      dist
	surveyProb   float64
	satisfaction float64 // mean score, 0–10
}

// residential holds the six residential segments with the shares of DOMAIN.md.
var residential = []*profile{
	{
		name: BasicService, class: "居民生活", share: 0.20,
		region: weights(0.15, 0.20, 0.65), owner: 0.12,
		heating: weights(0.25, 0.25, 0.50), special: weights(0.95, 0.02, 0.01, 0.02),
		household:   weights(0.45, 0.35, 0.14, 0.05, 0.01),
		tenureYears: 1.6, tenureSigma: 0.6, capacityKVA: 4,
		kwhMedian: 105, kwhSigma: 0.40, peakShare: 0.36,
		missProb: 0.01, payOffset: -7, payOffsetSD: 5, lateProb: 0.05, lateDays: 8, partialProb: 0.01, arrearsProb: 0.01,
		channel:    channels(chMobile, 35, chOnline, 15, chBankCollect, 15, chPowerTerminal, 10, chBankTerminal, 10, chRechargeCard, 10, chHall, 5),
		outageMean: 0.32, reportProb: 0.05, ticketRate: 0.2,
		ticketType: weights(0.05, 0.60, 0.10, 0.10, 0.05, 0.10),
		contact:    weights(0.30, 0.35, 0.25, 0.05, 0.05),
		surveyProb: 1.0 / 3, satisfaction: 7.7,
	},
	{
		name: Affluent, class: "居民生活", share: 0.12,
		region: weights(0.65, 0.20, 0.15), owner: 0.92,
		heating: weights(0.45, 0.30, 0.25), special: weights(0.92, 0.05, 0.00, 0.03),
		household:   weights(0.10, 0.35, 0.30, 0.20, 0.05),
		tenureYears: 9, tenureSigma: 0.5, capacityKVA: 12,
		kwhMedian: 390, kwhSigma: 0.40, peakShare: 0.42,
		missProb: 0.003, payOffset: -12, payOffsetSD: 5, lateProb: 0.02, lateDays: 5, partialProb: 0, arrearsProb: 0.003,
		channel:    channels(chOnline, 25, chMobile, 35, chBankCollect, 20, chBankCard, 10, chPhoneBank, 5, chEntrusted, 5),
		outageMean: 1.77, reportProb: 0.15, ticketRate: 1.0,
		ticketType: weights(0.32, 0.35, 0.08, 0.15, 0.05, 0.05),
		contact:    weights(0.30, 0.35, 0.25, 0.05, 0.05),
		surveyProb: 1.0 / 3, satisfaction: 7.4,
	},
	{
		name: Engaged, class: "居民生活", share: 0.18,
		region: weights(0.15, 0.65, 0.20), owner: 0.55,
		heating: weights(0.35, 0.30, 0.35), special: weights(0.93, 0.03, 0.02, 0.02),
		household:   weights(0, 0.08, 0.35, 0.37, 0.15, 0.05),
		tenureYears: 7, tenureSigma: 0.5, capacityKVA: 8,
		kwhMedian: 270, kwhSigma: 0.35, peakShare: 0.30,
		missProb: 0.005, payOffset: -7, payOffsetSD: 5, lateProb: 0.04, lateDays: 6, partialProb: 0.01, arrearsProb: 0.005,
		channel:    channels(chMobile, 40, chOnline, 20, chBankCollect, 20, chBankCard, 10, chPowerTerminal, 10),
		outageMean: 4.09, reportProb: 0.35, ticketRate: 2.5,
		ticketType: weights(0.10, 0.45, 0.10, 0.15, 0.12, 0.08),
		contact:    weights(0.30, 0.35, 0.25, 0.05, 0.05),
		surveyProb: 1.0 / 3, satisfaction: 8.1,
	},
	{
		name: GasHeating, class: "居民生活", share: 0.14,
		region: weights(0.70, 0.20, 0.10), owner: 0.15,
		heating: weights(0.05, 0.88, 0.07), special: weights(0.90, 0.05, 0.03, 0.02),
		household:   weights(0.25, 0.35, 0.25, 0.15),
		tenureYears: 2.5, tenureSigma: 0.5, capacityKVA: 6,
		kwhMedian: 165, kwhSigma: 0.35, peakShare: 0.38,
		missProb: 0.02, payOffset: -2, payOffsetSD: 8, lateProb: 0.12, lateDays: 10, partialProb: 0.02, arrearsProb: 0.03,
		channel:    channels(chMobile, 30, chBankTerminal, 15, chPowerTerminal, 15, chHall, 15, chRechargeCard, 10, chICCard, 15),
		outageMean: 1.96, reportProb: 0.12, ticketRate: 1.5,
		ticketType: weights(0.42, 0.25, 0.08, 0.10, 0.00, 0.15),
		contact:    weights(0.50, 0.20, 0.20, 0.08, 0.02),
		surveyProb: 1.0 / 3, satisfaction: 5.6,
	},
	{
		name: FinanciallyStressed, class: "居民生活", share: 0.16,
		region: weights(0.12, 0.23, 0.65), owner: 0.10,
		heating: weights(0.25, 0.20, 0.55), special: weights(0.45, 0.05, 0.45, 0.05),
		household:   weights(0, 0.10, 0.35, 0.35, 0.20),
		tenureYears: 2.5, tenureSigma: 0.6, capacityKVA: 4,
		kwhMedian: 185, kwhSigma: 0.45, peakShare: 0.40,
		missProb: 0.05, payOffset: 2, payOffsetSD: 8, lateProb: 0.50, lateDays: 25, partialProb: 0.15, arrearsProb: 0.30,
		channel:    channels(chHall, 30, chSocialPoint, 30, chTempPoint, 10, chDoorToDoor, 5, chPartnerHall, 10, chICCard, 10, chBankCard, 5),
		outageMean: 2.18, reportProb: 0.10, ticketRate: 1.5,
		ticketType: weights(0.15, 0.50, 0.08, 0.05, 0.02, 0.20),
		contact:    weights(0.50, 0.10, 0.15, 0.23, 0.02),
		surveyProb: 1.0 / 3, satisfaction: 7.1,
	},
	{
		name: Comfortable, class: "居民生活", share: 0.20,
		region: weights(0.35, 0.35, 0.30), owner: 0.95,
		heating: weights(0.35, 0.30, 0.35), special: weights(0.27, 0.68, 0.02, 0.03),
		household:   weights(0.35, 0.50, 0.10, 0.05),
		tenureYears: 22, tenureSigma: 0.3, capacityKVA: 6,
		kwhMedian: 200, kwhSigma: 0.35, peakShare: 0.33,
		missProb: 0.003, payOffset: -10, payOffsetSD: 5, lateProb: 0.02, lateDays: 5, partialProb: 0, arrearsProb: 0.005,
		channel:    channels(chHall, 35, chBankCollect, 30, chPostal, 15, chDoorToDoor, 5, chPartnerHall, 10, chEntrusted, 5),
		outageMean: 1.46, reportProb: 0.10, ticketRate: 0.3,
		ticketType: weights(0.30, 0.40, 0.10, 0.10, 0.10, 0.00),
		contact:    weights(0.60, 0.05, 0.05, 0.28, 0.02),
		surveyProb: 1.0 / 3, satisfaction: 8.9,
	},
}

// business holds the business customer classes, divided by customer class as the
// pre-classification of DOMAIN.md does; industries follow GB/T 4754 (sections A–T).
var business = []*profile{
	{
		name: BusinessCommercial, class: "一般工商业", share: 0.78,
		region: weights(0.40, 0.35, 0.25),
		industries: []string{
			"C1310", "C1830", "C3670", "D4610", "E4710", "F5211", "F5212", "F5261", "G5431", "G5920",
			"H6110", "H6210", "I6510", "J6620", "K7010", "K7020", "L7211", "M7320", "N7810", "O8010",
			"P8331", "P8341", "Q8411", "R8710", "S9221", "T9600",
		},
		industryDist: weights(2, 2, 2, 1, 4, 9, 8, 3, 4, 3, 5, 9, 5, 3, 4, 6, 3, 2, 2, 5, 4, 2, 3, 2, 4, 0.2),
		voltages: []voltageClass{
			{"380V", 0.70, 80, 1.0},
			{"10kV", 0.30, 630, 0.9},
		},
		utilisation: 0.22, tariff: 0.66, peakShare: 0.45,
		missProb: 0.01, payOffset: -5, payOffsetSD: 5, lateProb: 0.08, lateDays: 12, partialProb: 0.03, arrearsProb: 0.02,
		channel:    channels(chBankTransfer, 50, chEntrusted, 20, chOnline, 15, chLoadControl, 10, chHall, 5),
		outageMean: 1.46, reportProb: 0.25, ticketRate: 1.2,
		ticketType: weights(0.10, 0.50, 0.10, 0.10, 0.05, 0.15),
		contact:    weights(0.50, 0.30, 0.10, 0.10, 0),
		surveyProb: 0.15, satisfaction: 7.6,
	},
	{
		name: BusinessIndustrial, class: "大工业", share: 0.14,
		region: weights(0.40, 0.35, 0.25),
		industries: []string{
			"B0610", "B1011", "C1713", "C2614", "C2710", "C3011", "C3120", "C3130", "C3216", "C3311",
			"C3670", "C3982", "D4411", "D4610",
		},
		industryDist: weights(4, 3, 4, 6, 3, 6, 5, 8, 4, 5, 6, 4, 2, 2),
		voltages: []voltageClass{
			{"10kV", 0.55, 1250, 0.7},
			{"35kV", 0.30, 8000, 0.4},
			{"110kV", 0.15, 40000, 0.25},
		},
		utilisation: 0.42, tariff: 0.60, capacityPrice: 25, peakShare: 0.36,
		missProb: 0.005, payOffset: -4, payOffsetSD: 4, lateProb: 0.05, lateDays: 10, partialProb: 0.03, arrearsProb: 0.01,
		channel:    channels(chBankTransfer, 65, chEntrusted, 20, chOnline, 10, chLoadControl, 5),
		outageMean: 0.91, reportProb: 0.30, ticketRate: 1.5,
		ticketType: weights(0.10, 0.45, 0.15, 0.15, 0.05, 0.10),
		contact:    weights(0.55, 0.30, 0.05, 0.10, 0),
		surveyProb: 0.15, satisfaction: 7.4,
	},
	{
		name: BusinessAgricultural, class: "农业生产", share: 0.08,
		region:       weights(0.20, 0.35, 0.45),
		industries:   []string{"A0111", "A0141", "A0151", "A0311", "A0411", "A0513"},
		industryDist: weights(5, 5, 2, 3, 2, 2),
		voltages: []voltageClass{
			{"380V", 0.80, 50, 1.0},
			{"10kV", 0.20, 315, 0.9},
		},
		utilisation: 0.12, tariff: 0.50, peakShare: 0.30,
		missProb: 0.02, payOffset: -6, payOffsetSD: 6, lateProb: 0.12, lateDays: 15, partialProb: 0.05, arrearsProb: 0.04,
		channel:    channels(chHall, 25, chBankTransfer, 25, chSocialPoint, 20, chBankCollect, 15, chICCard, 15),
		outageMean: 2.27, reportProb: 0.20, ticketRate: 0.6,
		ticketType: weights(0.12, 0.50, 0.20, 0.08, 0.05, 0.05),
		contact:    weights(0.70, 0.05, 0.05, 0.20, 0),
		surveyProb: 0.15, satisfaction: 7.5,
	},
}

// businessShare is the share of business customers among all customers.
const businessShare = 0.10

var (
	residentialDist = shares(residential)
	businessDist    = shares(business)
)

func shares(ps []*profile) dist {
	w := make([]float64, len(ps))
	for i, p := range ps {
		w[i] = p.share
	}
	return weights(w...)
}

func init() {
	for _, p := range business {
		w := make([]float64, len(p.voltages))
		for i, v := range p.voltages {
			w[i] = v.share
		}
		p.voltageDist = weights(w...)
		if len(p.industries) != len(p.industryDist) {
			panic("sample: industries and their weights differ in length for " + p.name)
		}
	}
}
