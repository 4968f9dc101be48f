package portrait

// Family is a group of payment channels.
type Family struct {
	Key     string `json:"key"`
	LabelEN string `json:"label_en"`
	LabelZH string `json:"label_zh"`
}

// Families are the payment channel families, in the order the payment analysis reports them.
var Families = []Family{
	{"counter", "counter / cash", "柜台现金"},
	{"bank", "bank", "银行"},
	{"online", "online / mobile", "线上"},
	{"self_service", "self-service", "自助"},
	{"prepaid", "prepaid", "预付费"},
}

// familyValueLabels names the family keys in profile descriptions ("线上", not "online").
var familyValueLabels = func() map[string][2]string {
	m := map[string][2]string{"other": {"other", "其他"}}
	for _, f := range Families {
		m[f.Key] = [2]string{f.LabelEN, f.LabelZH}
	}
	return m
}()

// ChannelFamily puts one of the 18 payment channels of DOMAIN.md in its family.
type ChannelFamily struct {
	Channel string // as SG186 exports it
	English string // the English name of queries/EXPORTS.md, also accepted
	Family  string // a Families key
}

// ChannelFamilies groups the 18 channels by how the customer pays:
//
//   - counter (柜台现金): cash or card in person at a counter or collector — service hall,
//     partner service hall, social collection point, temporary collection point, door-to-door
//     collection;
//   - bank (银行): the bank collects or transfers without the customer going online — bank
//     collection, bank transfer settlement, postal savings, same-city entrusted collection,
//     bank card;
//   - online (线上): the customer pays remotely — online banking, phone banking, mobile banking;
//   - self_service (自助): self-service terminals of a bank or of the utility;
//   - prepaid (预付费): paid before use — prepaid recharge card, IC-card prepayment,
//     load-control prepayment.
//
// Channels are matched case-insensitively after trimming; any other channel is "other".
var ChannelFamilies = []ChannelFamily{
	{"营业厅", "service hall", "counter"},
	{"合作营业厅", "partner service hall", "counter"},
	{"社会代收点", "social collection point", "counter"},
	{"临时收费点", "temporary collection point", "counter"},
	{"走收", "door-to-door collection", "counter"},
	{"银行代收", "bank collection", "bank"},
	{"银行转账结算", "bank transfer settlement", "bank"},
	{"邮政储蓄", "postal savings", "bank"},
	{"同城特约委托", "same-city entrusted collection", "bank"},
	{"银行卡", "bank card", "bank"},
	{"网上银行", "online banking", "online"},
	{"电话银行", "phone banking", "online"},
	{"手机银行", "mobile banking", "online"},
	{"银行自助终端", "bank self-service terminal", "self_service"},
	{"电力自助终端", "utility self-service terminal", "self_service"},
	{"充值卡", "prepaid recharge card", "prepaid"},
	{"IC卡预付费", "IC-card prepayment", "prepaid"},
	{"负控预付费", "load-control prepayment", "prepaid"},
}

// Section is a section (门类) of the national economy industry classification GB/T 4754-2017.
type Section struct {
	Letter string `json:"section"`
	NameZH string `json:"name_zh"`
	NameEN string `json:"name_en"`
}

// Sections are the 20 sections A–T of GB/T 4754-2017.
var Sections = []Section{
	{"A", "农、林、牧、渔业", "Agriculture, forestry, animal husbandry and fishery"},
	{"B", "采矿业", "Mining"},
	{"C", "制造业", "Manufacturing"},
	{"D", "电力、热力、燃气及水生产和供应业", "Production and supply of electricity, heat, gas and water"},
	{"E", "建筑业", "Construction"},
	{"F", "批发和零售业", "Wholesale and retail trade"},
	{"G", "交通运输、仓储和邮政业", "Transport, storage and postal services"},
	{"H", "住宿和餐饮业", "Accommodation and catering"},
	{"I", "信息传输、软件和信息技术服务业", "Information transmission, software and information technology services"},
	{"J", "金融业", "Finance"},
	{"K", "房地产业", "Real estate"},
	{"L", "租赁和商务服务业", "Leasing and business services"},
	{"M", "科学研究和技术服务业", "Scientific research and technical services"},
	{"N", "水利、环境和公共设施管理业", "Water conservancy, environment and public facilities management"},
	{"O", "居民服务、修理和其他服务业", "Resident services, repair and other services"},
	{"P", "教育", "Education"},
	{"Q", "卫生和社会工作", "Health and social work"},
	{"R", "文化、体育和娱乐业", "Culture, sports and entertainment"},
	{"S", "公共管理、社会保障和社会组织", "Public administration, social security and social organisations"},
	{"T", "国际组织", "International organisations"},
}
