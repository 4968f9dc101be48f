package i18n

// Labels of the Definitions screen and of the quit question.
const (
	DefsCurrent        Key = "defs.current"
	DefsNoSegmentation Key = "defs.noseg"
	DefsCurrentLine    Key = "defs.currentline"
	DefsNotSaved       Key = "defs.notsaved"
	DefsSavedAs        Key = "defs.savedas"
	DefsSaveHint       Key = "defs.savehint"
	DefsList           Key = "defs.list"
	DefsNone           Key = "defs.none"
	DefsScanning       Key = "defs.scanning"
	DefsColFile        Key = "defs.colfile"
	DefsColStatus      Key = "defs.colstatus"
	DefsColDate        Key = "defs.coldate"
	DefsDraft          Key = "defs.draft"
	DefsConfirmed      Key = "defs.confirmed"
	DefsChanged        Key = "defs.changed"
	DefsOpenHint       Key = "defs.openhint"
	DefsOpening        Key = "defs.opening"
	DefsTitle          Key = "defs.title"
	DefsDims           Key = "defs.dims"
	DefsPopulation     Key = "defs.population"
	DefsEveryone       Key = "defs.everyone"
	DefsMetrics        Key = "defs.metrics"
	DefsColSegment     Key = "defs.colsegment"
	DefsColName        Key = "defs.colname"
	DefsColSize        Key = "defs.colsize"
	DefsColShare       Key = "defs.colshare"
	DefsConfirmedBy    Key = "defs.confirmedby"
	DefsIsDraft        Key = "defs.isdraft"
	DefsNote           Key = "defs.note"
	DefsData           Key = "defs.data"
	DefsDataSame       Key = "defs.datasame"
	DefsDataChanged    Key = "defs.datachanged"
	DefsDataMissing    Key = "defs.datamissing"
	DefsDataNew        Key = "defs.datanew"
	DefsDataUnknown    Key = "defs.dataunknown"
	DefsSaveTitle      Key = "defs.savetitle"
	DefsConfirmTitle   Key = "defs.confirmtitle"
	DefsScoreTitle     Key = "defs.scoretitle"
	DefsReportTitle    Key = "defs.reporttitle"
	DefsFieldFile      Key = "defs.fieldfile"
	DefsFieldName      Key = "defs.fieldname"
	DefsFieldNote      Key = "defs.fieldnote"
	DefsFieldWho       Key = "defs.fieldwho"
	DefsFieldOut       Key = "defs.fieldout"
	DefsFieldHTML      Key = "defs.fieldhtml"
	DefsFormHint       Key = "defs.formhint"
	DefsSavedMsg       Key = "defs.savedmsg"
	DefsBackupMsg      Key = "defs.backupmsg"
	DefsConfirmedMsg   Key = "defs.confirmedmsg"
	DefsScoredMsg      Key = "defs.scoredmsg"
	DefsReportMsg      Key = "defs.reportmsg"
	DefsNeedFile       Key = "defs.needfile"
	DefsNeedWho        Key = "defs.needwho"
	DefsNeedOut        Key = "defs.needout"
	DefsNeedHTML       Key = "defs.needhtml"
	DefsNeedOpen       Key = "defs.needopen"
	DefsNoEngine       Key = "defs.noengine"
	DefsWorking        Key = "defs.working"
	DefsAlreadyThere   Key = "defs.alreadythere"

	TaskDefSave    Key = "task.defsave"
	TaskDefList    Key = "task.deflist"
	TaskDefOpen    Key = "task.defopen"
	TaskDefConfirm Key = "task.defconfirm"
	TaskDefScore   Key = "task.defscore"
	TaskDefReport  Key = "task.defreport"

	HelpDefSave    Key = "help.defsave"
	HelpDefOpen    Key = "help.defopen"
	HelpDefConfirm Key = "help.defconfirm"
	HelpDefScore   Key = "help.defscore"
	HelpDefReport  Key = "help.defreport"
	HelpDefRescan  Key = "help.defrescan"
	HelpNextField  Key = "help.nextfield"

	ConfirmQuitWhat Key = "confirm.quitwhat"
	UnsavedDims     Key = "unsaved.dims"
	UnsavedSeg      Key = "unsaved.seg"
	UnsavedEdits    Key = "unsaved.edits"
	ListSeparator   Key = "list.separator"
	DimsOneHot      Key = "dims.onehot"
	DefsFiles       Key = "defs.files"
)

func init() {
	add(map[Key][2]string{
		DefsCurrent:        {"Current segmentation", "当前分群"},
		DefsNoSegmentation: {"None yet: fit one on screen 3 (Clusters), then save it here.", "暂无：请先在第 3 屏（聚类）拟合，再回到此处保存。"},
		DefsCurrentLine:    {"k = %d · %s customers · %s", "k = %d · %s 户客户 · %s"},
		DefsNotSaved:       {"not saved", "未保存"},
		DefsSavedAs:        {"saved as %s", "已保存为 %s"},
		DefsSaveHint:       {"press s to save it as a definition", "按 s 保存为分群定义"},
		DefsList:           {"Saved definitions", "已保存的定义"},
		DefsNone:           {"No definitions (*.yaml) found in %s.", "在 %s 中未找到分群定义（*.yaml）。"},
		DefsScanning:       {"Looking for definitions…", "正在查找分群定义…"},
		DefsColFile:        {"file", "文件"},
		DefsColStatus:      {"status", "状态"},
		DefsColDate:        {"fitted", "拟合日期"},
		DefsDraft:          {"draft", "草稿"},
		DefsConfirmed:      {"confirmed", "已确认"},
		DefsChanged:        {"changed since confirmed", "确认后已修改"},
		DefsOpenHint:       {"Choose a definition with ↑/↓ and press Enter to open it.", "用 ↑/↓ 选择定义，按 Enter 打开。"},
		DefsOpening:        {"Opening %s…", "正在打开 %s…"},
		DefsTitle:          {"Definition %s", "定义 %s"},
		DefsDims:           {"Dimensions: ", "维度："},
		DefsPopulation:     {"Population: ", "分群范围："},
		DefsEveryone:       {"every customer", "全部客户"},
		DefsMetrics:        {"k = %d · %s customers fitted · silhouette %.2f · Davies–Bouldin %.2f", "k = %d · 拟合 %s 户 · 轮廓系数 %.2f · DB 指数 %.2f"},
		DefsColSegment:     {"id", "编号"},
		DefsColName:        {"segment", "群"},
		DefsColSize:        {"customers", "客户数"},
		DefsColShare:       {"share", "占比"},
		DefsConfirmedBy:    {"Confirmed by %s on %s.", "已由 %s 于 %s 确认。"},
		DefsIsDraft:        {"Draft: not yet confirmed in a workshop (c confirms).", "草稿：尚未经业务研讨确认（按 c 确认）。"},
		DefsNote:           {"Note: %s", "备注：%s"},
		DefsData:           {"Data: ", "数据："},
		DefsDataSame:       {"the open files are those it was fitted on", "当前打开的文件即拟合时所用文件"},
		DefsDataChanged:    {"changed since the fit: %s", "拟合后已变化：%s"},
		DefsDataMissing:    {"not open now: %s", "当前未打开：%s"},
		DefsDataNew:        {"not in the definition: %s", "定义中没有：%s"},
		DefsDataUnknown:    {"cannot compare with the open data: %s", "无法与当前数据比对：%s"},
		DefsSaveTitle:      {"Save the segmentation as a definition", "将当前分群保存为定义"},
		DefsConfirmTitle:   {"Confirm %s in a workshop", "在业务研讨中确认 %s"},
		DefsScoreTitle:     {"Score every customer of the open data with %s", "用 %s 为当前数据的每位客户打分"},
		DefsReportTitle:    {"Write the workshop report of %s", "生成 %s 的研讨报告"},
		DefsFieldFile:      {"File", "文件"},
		DefsFieldName:      {"Name", "名称"},
		DefsFieldNote:      {"Note", "备注"},
		DefsFieldWho:       {"Confirmed by", "确认人"},
		DefsFieldOut:       {"Write to (.csv or .parquet)", "输出到（.csv 或 .parquet）"},
		DefsFieldHTML:      {"Write to (.html)", "输出到（.html）"},
		DefsFormHint:       {"enter: next field, on the last one go · ↑/↓ move · esc cancel", "enter：下一项，最后一项时执行 · ↑/↓ 切换 · esc 取消"},
		DefsSavedMsg:       {"Saved %s.", "已保存 %s。"},
		DefsBackupMsg:      {"The previous version is kept as %s.", "旧版本保留为 %s。"},
		DefsConfirmedMsg:   {"%s is confirmed by %s.", "%s 已由 %s 确认。"},
		DefsScoredMsg:      {"Scored %s customers (%s in the population, %s outside) and wrote %s.", "已为 %s 户客户打分（分群范围内 %s 户，范围外 %s 户），写入 %s。"},
		DefsReportMsg:      {"Wrote the report %s.", "已生成报告 %s。"},
		DefsNeedFile:       {"Name the file FILE.yaml.", "请将文件命名为 FILE.yaml。"},
		DefsNeedWho:        {"Type who confirms.", "请填写确认人。"},
		DefsNeedOut:        {"Name the file FILE.csv or FILE.parquet.", "请将文件命名为 FILE.csv 或 FILE.parquet。"},
		DefsNeedHTML:       {"Name the file FILE.html.", "请将文件命名为 FILE.html。"},
		DefsNeedOpen:       {"Open a definition first: choose one and press Enter.", "请先打开一个定义：选中后按 Enter。"},
		DefsNoEngine:       {"The open data cannot be scored in this build.", "此版本无法为当前数据打分。"},
		DefsWorking:        {"%s… (esc stops)", "%s…（esc 停止）"},
		DefsAlreadyThere:   {"%s exists: saving keeps the old version as a backup.", "%s 已存在：保存时旧版本将保留为备份。"},

		TaskDefSave:    {"saving the definition", "保存分群定义"},
		TaskDefList:    {"looking for definitions", "查找分群定义"},
		TaskDefOpen:    {"opening %s", "打开 %s"},
		TaskDefConfirm: {"confirming %s", "确认 %s"},
		TaskDefScore:   {"scoring customers", "为客户打分"},
		TaskDefReport:  {"writing the report", "生成报告"},

		HelpDefSave:    {"save", "保存"},
		HelpDefOpen:    {"open", "打开"},
		HelpDefConfirm: {"confirm", "确认"},
		HelpDefScore:   {"score & export", "打分导出"},
		HelpDefReport:  {"report", "报告"},
		HelpDefRescan:  {"rescan", "重新查找"},
		HelpNextField:  {"next field", "下一项"},

		ConfirmQuitWhat: {"Quit seglab? Not saved: %s. It will be lost.", "退出 seglab？尚未保存：%s，退出后将丢失。"},
		UnsavedDims:     {"the dimension choices", "所选维度"},
		UnsavedSeg:      {"the segmentation (k = %d)", "分群结果（k = %d）"},
		UnsavedEdits:    {"the renamed or merged segments", "重命名或合并的分群"},
		ListSeparator:   {", ", "、"},
		DefsFiles:       {"%d files", "%d 个文件"},
		DimsOneHot:      {"one-hot", "类别型"},
	})
}
