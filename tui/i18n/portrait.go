package i18n

// The labels of the customer portrait: the tags on the Data screen and the portrait view
// (value ranking, payment behaviour, business tiers) reached from it.
const (
	HelpPortrait Key = "help.portrait"
	HelpBack     Key = "help.back"
	HelpTabs     Key = "help.tabs"
	HelpRerun    Key = "help.rerun"
	HelpPage     Key = "help.page"

	TaskTags     Key = "task.tags"
	TaskValue    Key = "task.value"
	TaskPayment  Key = "task.payment"
	TaskBusiness Key = "task.business"

	KindPortrait     Key = "kind.portrait"
	DataTagsBuilding Key = "data.tagsbuilding"
	DataTagsFailed   Key = "data.tagsfailed"

	PortTitle       Key = "port.title"
	PortTabValue    Key = "port.tab.value"
	PortTabPayment  Key = "port.tab.payment"
	PortTabBusiness Key = "port.tab.business"
	PortComputing   Key = "port.computing"
	PortEscCancels  Key = "port.esccancels"
	PortAgain       Key = "port.again"
	PortNoEngine    Key = "port.noengine"
	PortRows        Key = "port.rows"

	ValWeights      Key = "val.weights"
	ValFigures      Key = "val.figures"
	ValConsistent   Key = "val.consistent"
	ValInconsistent Key = "val.inconsistent"
	ValScored       Key = "val.scored"
	ValRefused      Key = "val.refused"
	ValTopMark      Key = "val.topmark"
	ValShort0       Key = "val.short0"
	ValShort1       Key = "val.short1"
	ValShort2       Key = "val.short2"
	ValShort3       Key = "val.short3"
	ValShort4       Key = "val.short4"
	ValShort5       Key = "val.short5"
	ColRank         Key = "col.rank"
	ColCustomer     Key = "col.customer"
	ColScore        Key = "col.score"
	ColTop          Key = "col.top"

	PayIntroExports Key = "pay.introexports"
	PayIntroWide    Key = "pay.introwide"
	PaySegments     Key = "pay.segments"
	PayTraits       Key = "pay.traits"
	PayNoTraits     Key = "pay.notraits"
	ColSegment      Key = "col.segment"
	ColCustomers    Key = "col.customers"
	ColShare        Key = "col.share"
	ColEarly        Key = "col.early"
	ColOnTime       Key = "col.ontime"
	ColLate         Key = "col.late"
	ColDaysBefore   Key = "col.daysbefore"
	ColChannel      Key = "col.channel"
	ColLatePayments Key = "col.latepayments"
	ColDaysLate     Key = "col.dayslate"
	PayFamilyOther  Key = "pay.familyother"
	BizRules        Key = "biz.rules"
	BizTitle        Key = "biz.title"
	BizAll          Key = "biz.all"
	BizAllSections  Key = "biz.allsections"
	BizNoSection    Key = "biz.nosection"
	ColTier         Key = "col.tier"
	ColSection      Key = "col.section"
	ColKWh          Key = "col.kwh"
	ColBills        Key = "col.bills"
	ColArrears      Key = "col.arrears"
	ColInArrears    Key = "col.inarrears"
	ColGrades       Key = "col.grades"
	ColGradesWide   Key = "col.gradeswide"
	ColBillsWide    Key = "col.billswide"
	ColArrearsWide  Key = "col.arrearswide"
	BizDetail       Key = "biz.detail"
	PayCustomers    Key = "pay.customers"
)

var portraitMessages = map[Key][2]string{
	HelpPortrait: {"portrait & value", "客户画像与价值"},
	HelpBack:     {"back to data", "返回数据"},
	HelpTabs:     {"switch tab", "切换页签"},
	HelpRerun:    {"run again", "重新计算"},
	HelpPage:     {"page", "翻页"},

	TaskTags:     {"building the portrait tags", "正在生成画像标签"},
	TaskValue:    {"ranking business customers by value", "正在计算大客户价值排名"},
	TaskPayment:  {"segmenting payment behaviour", "正在细分缴费行为"},
	TaskBusiness: {"tiering business customers", "正在划分行业客户层级"},

	KindPortrait:     {"wide table + portrait tags", "宽表 + 画像标签"},
	DataTagsBuilding: {"Building the portrait tags…", "正在生成画像标签…"},
	DataTagsFailed:   {"failed", "失败"},

	PortTitle:       {"Customer portrait:", "客户画像："},
	PortTabValue:    {"Big-customer value", "大客户价值"},
	PortTabPayment:  {"Payment behaviour", "缴费行为"},
	PortTabBusiness: {"Business tiers", "行业与层级"},
	PortComputing:   {"Computing: %s", "计算中：%s"},
	PortEscCancels:  {"esc cancels", "按 esc 取消"},
	PortAgain:       {"Press r to run it again.", "按 r 重新计算。"},
	PortNoEngine:    {"This data source cannot compute the portrait.", "当前数据源无法计算客户画像。"},
	PortRows:        {"rows %d–%d of %d", "第 %d–%d 行，共 %d 行"},

	ValWeights:      {"AHP weights", "AHP 权重"},
	ValFigures:      {"λmax %s · CI %s · RI %s · CR %s", "λmax %s · CI %s · RI %s · CR %s"},
	ValConsistent:   {"consistent (CR ≤ 0.10)", "一致性可接受（CR ≤ 0.10）"},
	ValInconsistent: {"inconsistent (CR > 0.10)", "一致性不可接受（CR > 0.10）"},
	ValScored:       {"%s business customers scored; the top %s (%s customers) are marked ★", "共 %s 户大客户评分；前 %s（%s 户）标 ★"},
	ValRefused:      {"The comparison matrix is not consistent enough, so no customer was scored. Revise the pairwise comparisons.", "判断矩阵一致性不足，未对客户评分。请修改两两比较判断。"},
	ValTopMark:      {"★", "★"},
	ValShort0:       {"purch.", "购电"},
	ValShort1:       {"profit", "利润"},
	ValShort2:       {"loyal.", "忠诚"},
	ValShort3:       {"credit", "信用"},
	ValShort4:       {"growth", "潜力"},
	ValShort5:       {"prof.", "盈利"},
	ColRank:         {"rank", "排名"},
	ColCustomer:     {"customer", "客户编号"},
	ColScore:        {"score", "得分"},
	ColTop:          {"top", "前列"},

	PayIntroExports: {"%s residential customers · bills of the 12 months to %s · k = %d · silhouette %s",
		"居民客户 %s 户 · 截至 %s 的 12 个账单月 · k = %d · 轮廓系数 %s"},
	PayIntroWide: {"%s residential customers · from the wide table (late payments, days late, channel) · k = %d · silhouette %s",
		"居民客户 %s 户 · 取自宽表（逾期次数、逾期天数、渠道）· k = %d · 轮廓系数 %s"},
	PaySegments:     {"Payment-behaviour segments", "缴费行为分群"},
	PayTraits:       {"Traits of segment %d", "第 %d 群的特征"},
	PayNoTraits:     {"No trait stands out.", "无突出特征。"},
	ColSegment:      {"segment", "分群"},
	ColCustomers:    {"customers", "户数"},
	ColShare:        {"share", "占比"},
	ColEarly:        {"early", "提前"},
	ColOnTime:       {"on time", "按期"},
	ColLate:         {"late", "逾期"},
	ColDaysBefore:   {"days to due", "距截止日天数"},
	ColChannel:      {"main channel", "主要渠道"},
	ColLatePayments: {"late payments", "逾期次数"},
	ColDaysLate:     {"days late", "逾期天数"},
	PayFamilyOther:  {"other", "其他"},

	BizRules: {"high-end from %s kV or %s kVA · mid from %s kV or %s kVA · ordinary below · credit grades A–E, ? unknown · arrears over 60 days",
		"高端：%s kV 或 %s kVA 起 · 中端：%s kV 或 %s kVA 起 · 其余为普通 · 信用等级 A–E，? 为未知 · 欠费指超过60天"},
	BizTitle:       {"Business customers by tier and GB/T 4754 section", "按层级与国民经济行业门类（GB/T 4754）的大客户"},
	BizAll:         {"all", "全部"},
	BizAllSections: {"all sections", "全部门类"},
	BizNoSection:   {"no industry code", "无行业代码"},
	ColTier:        {"tier", "层级"},
	ColSection:     {"section", "行业门类"},
	ColKWh:         {"kWh", "电量 kWh"},
	ColBills:       {"bills/mo", "月电费"},
	ColArrears:     {"arrears", "欠费"},
	ColInArrears:   {"in arrears", "欠费户"},
	ColGrades:      {"A/B/C/D/E/?", "A/B/C/D/E/?"},
	ColGradesWide:  {"credit A/B/C/D/E/?", "信用等级 A/B/C/D/E/?"},
	ColBillsWide:   {"bills/month", "月电费合计"},
	ColArrearsWide: {"arrears >60 days", "欠费超60天"},
	BizDetail: {"%s customers · mean %s kWh · mean bill %s/month · %s in arrears over 60 days · mean credit score %s",
		"%s 户 · 户均电量 %s kWh · 户均月电费 %s · 欠费超60天 %s 户 · 平均信用分 %s"},
	PayCustomers: {"%s customers", "%s 户"},
}

func init() { add(portraitMessages) }
