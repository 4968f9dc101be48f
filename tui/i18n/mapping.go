package i18n

// The labels of the mapping pane on the Data screen: which column holds each role.
const (
	HelpMapping  Key = "help.mapping"
	HelpMapPick  Key = "help.mappick"
	HelpMapApply Key = "help.mapapply"
	HelpMapSave  Key = "help.mapsave"
	TaskRemap    Key = "task.remap"

	MapTitle     Key = "map.title"
	MapRole      Key = "map.role"
	MapColumn    Key = "map.column"
	MapHow       Key = "map.how"
	MapSure      Key = "map.sure"
	MapSamples   Key = "map.samples"
	MapNone      Key = "map.none"
	MapPending   Key = "map.pending"
	MapApplied   Key = "map.applied"
	MapSaved     Key = "map.saved"
	MapNoID      Key = "map.noid"
	MapMapping   Key = "map.bymapping"
	MapCanonical Key = "map.bycanonical"
	MapChinese   Key = "map.bychinese"
	MapSynonym   Key = "map.bysynonym"
	MapPartial   Key = "map.bypartial"
)

var mappingMessages = map[Key][2]string{
	HelpMapping:  {"column roles", "列角色"},
	HelpMapPick:  {"change column", "更换列"},
	HelpMapApply: {"accept", "确认"},
	HelpMapSave:  {"save beside the data", "保存到数据旁"},
	TaskRemap:    {"applying the column roles", "正在应用列角色"},

	MapTitle:     {"Column roles: which of your columns holds each", "列角色：每个角色对应您数据中的哪一列"},
	MapRole:      {"role", "角色"},
	MapColumn:    {"column", "列"},
	MapHow:       {"found by", "识别方式"},
	MapSure:      {"sure", "把握"},
	MapSamples:   {"e.g.", "示例"},
	MapNone:      {"—", "—"},
	MapPending:   {"changed: Enter applies, Esc leaves it", "已修改：回车应用，Esc 放弃"},
	MapApplied:   {"applied: the screens use the new columns", "已应用：各页面改用新的列"},
	MapSaved:     {"saved to %s; the workbench reads it when it opens this data again", "已保存到 %s；再次打开这些数据时自动读取"},
	MapNoID:      {"no column is the customer id: choose one (←/→ on customer id)", "没有识别出客户编号列：请选择（在“户号”行按 ←/→）"},
	MapMapping:   {"your mapping", "您的映射"},
	MapCanonical: {"name", "标准列名"},
	MapChinese:   {"Chinese name", "中文列名"},
	MapSynonym:   {"synonym", "同义列名"},
	MapPartial:   {"partial: confirm", "部分匹配：请确认"},
}

func init() { add(mappingMessages) }
