package i18n

// The labels of the workbench. Keep each constant next to its texts below; the tests check
// that every constant has both languages with the same format verbs.
const (
	AppName Key = "app.name"

	TabData     Key = "tab.data"
	TabDims     Key = "tab.dims"
	TabClusters Key = "tab.clusters"
	TabProfiles Key = "tab.profiles"
	TabCompare  Key = "tab.compare"
	TabDefs     Key = "tab.defs"

	StatusSource       Key = "status.source"
	StatusNoSource     Key = "status.nosource"
	StatusNotSegmented Key = "status.notsegmented"
	StatusUnsaved      Key = "status.unsaved"
	StatusIdle         Key = "status.idle"
	StatusMoreTasks    Key = "status.moretasks"
	StatusCancelling   Key = "status.cancelling"

	HelpNextScreen Key = "help.next"
	HelpPrevScreen Key = "help.prev"
	HelpJump       Key = "help.jump"
	HelpHelp       Key = "help.help"
	HelpCloseHelp  Key = "help.closehelp"
	HelpQuit       Key = "help.quit"
	HelpCancel     Key = "help.cancel"
	HelpUp         Key = "help.up"
	HelpDown       Key = "help.down"
	HelpFilter     Key = "help.filter"
	HelpFocus      Key = "help.focus"
	HelpPopulation Key = "help.population"
	HelpPopFilter  Key = "help.popfilter"
	HelpToggle     Key = "help.toggle"
	HelpTransform  Key = "help.transform"
	HelpWeightUp   Key = "help.weightup"
	HelpWeightDown Key = "help.weightdown"
	HelpScaling    Key = "help.scaling"
	HelpApply      Key = "help.apply"
	HelpDismiss    Key = "help.dismiss"

	ConfirmQuit     Key = "confirm.quit"
	ConfirmQuitHint Key = "confirm.quithint"

	TaskOpen        Key = "task.open"
	TaskDescribe    Key = "task.describe"
	TaskCount       Key = "task.count"
	TaskCorr        Key = "task.corr"
	StepSample      Key = "step.sample"
	StepLoad        Key = "step.load"
	StepWide        Key = "step.wide"
	StepSuggest     Key = "step.suggest"
	SourceSample    Key = "source.sample"
	SourceFiles     Key = "source.files"
	StatusSegmented Key = "status.segmented"
	TaskSweep       Key = "task.sweep"
	TaskSegment     Key = "task.segment"
	HelpRunSweep    Key = "help.runsweep"
	HelpFitK        Key = "help.fitk"
	HelpChooseK     Key = "help.choosek"

	ClustersTitle        Key = "clusters.title"
	ClustersIntro        Key = "clusters.intro"
	ClustersNoDims       Key = "clusters.nodims"
	ClustersNoEngine     Key = "clusters.noengine"
	ClustersSetup        Key = "clusters.setup"
	ClustersRunning      Key = "clusters.running"
	ClustersPending      Key = "clusters.pending"
	ClustersStageRead    Key = "clusters.stage.read"
	ClustersStageFit     Key = "clusters.stage.fit"
	ClustersStageBoot    Key = "clusters.stage.boot"
	ClustersStageSil     Key = "clusters.stage.sil"
	ClustersStageDone    Key = "clusters.stage.done"
	ClustersElapsed      Key = "clusters.elapsed"
	ClustersRows         Key = "clusters.rows"
	ClustersSilSample    Key = "clusters.silsample"
	ClustersSweptSample  Key = "clusters.sweptsample"
	ClustersStale        Key = "clusters.stale"
	ClustersElbow        Key = "clusters.elbow"
	ClustersSilChart     Key = "clusters.silchart"
	ClustersRecommended  Key = "clusters.recommended"
	ClustersFitted       Key = "clusters.fitted"
	ClustersFitting      Key = "clusters.fitting"
	ClustersFitHint      Key = "clusters.fithint"
	ColK                 Key = "col.k"
	ColInertia           Key = "col.inertia"
	ColSilhouette        Key = "col.silhouette"
	ColCH                Key = "col.ch"
	ColDB                Key = "col.db"
	ColStability         Key = "col.stability"
	ColSmallest          Key = "col.smallest"
	ColLargest           Key = "col.largest"
	ColFitSeconds        Key = "col.fitseconds"
	ColVotes             Key = "col.votes"
	DataWarningsMore     Key = "data.warningsmore"
	ColTable             Key = "col.table"
	HelpContract         Key = "help.contract"
	DataContractTitle    Key = "data.contracttitle"
	DataContractIntro    Key = "data.contractintro"
	DataContractRequired Key = "data.contractrequired"
	DataContractOptional Key = "data.contractoptional"
	DataContractAlso     Key = "data.contractalso"
	HelpSegmentViews     Key = "help.segmentviews"
	TaskViews            Key = "task.views"
	ClustersViewsRunning Key = "clusters.viewsrunning"
	ClustersViewsSample  Key = "clusters.viewssample"
	ClustersRulesTitle   Key = "clusters.rulestitle"
	ClustersRuleCount    Key = "clusters.rulecount"
	ClustersMapTitle     Key = "clusters.maptitle"
	Cancelled            Key = "cancelled"
	ErrorText            Key = "error"
	ErrUnavailable       Key = "err.unavailable"
	Loading              Key = "loading"
	FilterPrompt         Key = "filter.prompt"
	FilterNoMatch        Key = "filter.nomatch"

	DataSources    Key = "data.sources"
	DataRows       Key = "data.rows"
	DataColumnsOf  Key = "data.columnsof"
	DataPreview    Key = "data.preview"
	DataPopulation Key = "data.population"
	DataPopCount   Key = "data.popcount"
	DataPopPrompt  Key = "data.popprompt"
	DataPopBadForm Key = "data.popbadform"
	DataNotLoaded  Key = "data.notloaded"
	ColName        Key = "col.name"
	ColType        Key = "col.type"
	ColNull        Key = "col.null"
	ColDistinct    Key = "col.distinct"
	ColMin         Key = "col.min"
	ColMax         Key = "col.max"
	KindWide       Key = "kind.wide"
	KindCustomers  Key = "kind.customers"
	KindBilling    Key = "kind.billing"
	KindPayments   Key = "kind.payments"
	KindOutages    Key = "kind.outages"
	KindTickets    Key = "kind.tickets"
	KindSurvey     Key = "kind.survey"
	KindOther      Key = "kind.other"
	PopEveryone    Key = "pop.everyone"
	PopResidential Key = "pop.residential"
	PopBusiness    Key = "pop.business"
	PopColumn      Key = "pop.column"

	DimsFeatures    Key = "dims.features"
	DimsSelected    Key = "dims.selected"
	DimsMissing     Key = "dims.missing"
	DimsTransform   Key = "dims.transform"
	DimsWeight      Key = "dims.weight"
	DimsScaling     Key = "dims.scaling"
	DimsCorr        Key = "dims.corr"
	DimsPickTwo     Key = "dims.picktwo"
	DimsCorrWarn    Key = "dims.corrwarn"
	DimsCorrOK      Key = "dims.corrok"
	DimsNoCatalogue Key = "dims.nocatalogue"
	TransformNone   Key = "transform.none"
	TransformLog1p  Key = "transform.log1p"
	TransformWinsor Key = "transform.winsor"
	ScaleZ          Key = "scale.z"
	ScaleRobust     Key = "scale.robust"
	ScaleMinMax     Key = "scale.minmax"
)

// messages holds each label as {English, Chinese}.
var messages = map[Key][2]string{
	AppName: {"seglab", "seglab"},

	TabData:     {"Data", "数据"},
	TabDims:     {"Dimensions", "维度"},
	TabClusters: {"Clusters", "聚类"},
	TabProfiles: {"Profiles", "画像"},
	TabCompare:  {"Compare", "对比"},
	TabDefs:     {"Definitions", "定义"},

	StatusSource:       {"source", "数据源"},
	StatusNoSource:     {"no data yet", "尚无数据"},
	StatusNotSegmented: {"not segmented", "尚未分群"},
	StatusUnsaved:      {"unsaved", "未保存"},
	StatusIdle:         {"ready", "就绪"},
	StatusMoreTasks:    {"+%d more", "另有 %d 项"},
	StatusCancelling:   {"cancelling…", "正在取消…"},

	HelpNextScreen: {"next screen", "下一屏"},
	HelpPrevScreen: {"previous screen", "上一屏"},
	HelpJump:       {"go to screen", "切换屏幕"},
	HelpHelp:       {"all keys", "全部按键"},
	HelpCloseHelp:  {"close help", "关闭帮助"},
	HelpQuit:       {"quit", "退出"},
	HelpCancel:     {"cancel task", "取消任务"},
	HelpUp:         {"up", "上移"},
	HelpDown:       {"down", "下移"},
	HelpFilter:     {"filter list", "筛选列表"},
	HelpFocus:      {"switch pane", "切换窗格"},
	HelpPopulation: {"change population", "切换客户范围"},
	HelpPopFilter:  {"column = value", "按列取值筛选"},
	HelpToggle:     {"choose dimension", "选择维度"},
	HelpTransform:  {"transform", "变换"},
	HelpWeightUp:   {"weight up", "加权"},
	HelpWeightDown: {"weight down", "减权"},
	HelpScaling:    {"scaling", "标准化方式"},
	HelpApply:      {"apply", "确定"},
	HelpDismiss:    {"dismiss", "取消"},

	ConfirmQuit:     {"Quit seglab? Unsaved work will be lost.", "退出 seglab？未保存的工作将丢失。"},
	ConfirmQuitHint: {"y  quit      n  stay", "y  退出      n  留下"},

	TaskOpen:        {"opening data", "正在打开数据"},
	TaskDescribe:    {"describing %s", "正在统计 %s"},
	TaskCount:       {"counting customers", "正在统计客户数"},
	TaskCorr:        {"correlations", "正在计算相关系数"},
	StepSample:      {"unpacking the sample", "解压内置样例"},
	StepLoad:        {"loading %s", "加载 %s"},
	StepWide:        {"building the wide table", "生成客户宽表"},
	StepSuggest:     {"choosing starting dimensions", "选择初始维度"},
	SourceSample:    {"built-in sample", "内置样例"},
	SourceFiles:     {"%d files", "%d 个文件"},
	StatusSegmented: {"k = %d fitted on %s customers", "k = %d，已为 %s 户客户分群"},
	TaskSweep:       {"k sweep", "k 值扫描"},
	TaskSegment:     {"fitting k = %d", "正在拟合 k = %d"},
	HelpRunSweep:    {"run k sweep", "运行 k 值扫描"},
	HelpFitK:        {"fit chosen k", "按所选 k 分群"},
	HelpChooseK:     {"choose k", "选择 k"},

	ClustersTitle:        {"k sweep: k-means for k = 2 to 7", "k 值扫描：k-means，k = 2 至 7"},
	ClustersIntro:        {"Press Enter to fit k-means for k = 2 to 7 and compare the fits: inertia, silhouette, Calinski–Harabasz, Davies–Bouldin, stability and segment shares. No more than 7 segments, none tiny or giant.", "按回车键对 k = 2 至 7 运行 k-means 并比较结果：簇内误差、轮廓系数、CH 指数、DB 指数、稳定性与各群占比。不超过 7 个群，避免过小或过大的群。"},
	ClustersNoDims:       {"Choose at least one dimension on screen 2 first.", "请先在第 2 屏选择至少一个维度。"},
	ClustersNoEngine:     {"This data source cannot cluster.", "此数据源不支持聚类。"},
	ClustersPending:      {"…: the silhouette and stability of k = %d are still being computed.", "…：k = %d 的轮廓系数与稳定性仍在计算中。"},
	ClustersSetup:        {"%d dimensions · %s · %s", "%d 个维度 · %s · %s"},
	ClustersRunning:      {"Sweeping k…", "正在扫描 k 值…"},
	ClustersStageRead:    {"reading the population", "读取客户数据"},
	ClustersStageFit:     {"fit k = %d", "拟合 k = %d"},
	ClustersStageBoot:    {"bootstrap %d of k = %d", "第 %d 次自助重抽样（k = %d）"},
	ClustersStageSil:     {"silhouette", "计算轮廓系数"},
	ClustersStageDone:    {"done", "完成"},
	ClustersElapsed:      {"%d of %d fits · %.1f s", "已完成 %d / %d 次拟合 · %.1f 秒"},
	ClustersRows:         {"%s customers · %s fitted · %s with a missing value, scored by nearest centre · %.1f s", "%s 户客户 · %s 户参与拟合 · %s 户有缺失值，按最近中心分群 · %.1f 秒"},
	ClustersSilSample:    {"silhouette on a sample of %s", "轮廓系数基于 %s 行抽样"},
	ClustersSweptSample:  {"k swept on a stratified sample of %s; the chosen k is fitted on every customer", "k 值比较基于 %s 户分层抽样；选定的 k 在全部客户上拟合"},
	ClustersStale:        {"The dimensions or population changed since this sweep: press Enter to run it again.", "维度或客户范围在本次扫描后已改变：按回车键重新扫描。"},
	ClustersElbow:        {"Inertia (elbow)", "簇内误差（肘部图）"},
	ClustersSilChart:     {"Silhouette", "轮廓系数"},
	ClustersRecommended:  {"Recommended k = %d", "推荐 k = %d"},
	ClustersFitted:       {"Fitted k = %d: %s customers segmented, stored for profiling", "已按 k = %d 分群：%s 户客户，已保存供画像使用"},
	ClustersFitting:      {"Fitting k = %d…", "正在按 k = %d 分群…"},
	ClustersFitHint:      {"↑/↓ k · f or Enter fits it · ← recommended · ! a share outside %s–%s", "↑/↓ 选 k · f 或回车分群 · ← 推荐 · ! 有群占比超出 %s–%s"},
	ColK:                 {"k", "k"},
	ColInertia:           {"inertia", "簇内误差"},
	ColSilhouette:        {"silh.", "轮廓"},
	ColCH:                {"CH", "CH"},
	ColDB:                {"DB", "DB"},
	ColStability:         {"stab.", "稳定性"},
	ColSmallest:          {"min %", "最小占比"},
	ColLargest:           {"max %", "最大占比"},
	ColFitSeconds:        {"fit s", "耗时秒"},
	ColVotes:             {"votes", "票数"},
	DataWarningsMore:     {"[+%d more: seglab describe]", "[另有 %d 条：seglab describe]"},
	ColTable:             {"table", "数据表"},
	HelpContract:         {"export contract", "导出文件约定"},
	DataContractTitle:    {"The exports seglab recognises (e or esc to close)", "seglab 识别的导出文件（e 或 esc 关闭）"},
	DataContractIntro:    {"A file is recognised by its header: every required column under its Chinese name, its English name or another wording listed; a unit in brackets is converted (停电时长(小时) → minutes). seglab exports prints the same.", "按表头识别文件：每个必需列可用中文名、英文名或所列其他写法；括号中的单位会被换算（停电时长(小时) → 分钟）。seglab exports 输出同样内容。"},
	DataContractRequired: {"required", "必需"},
	DataContractOptional: {"optional", "可选"},
	DataContractAlso:     {"also: %s", "亦可：%s"},
	HelpSegmentViews:     {"segment views", "分群视图"},
	TaskViews:            {"Segment views", "计算分群视图"},
	ClustersViewsRunning: {"Computing the segment views (silhouette per segment, map, rules)…", "正在计算分群视图（各群轮廓系数、分群图、规则）…"},
	ClustersViewsSample:  {"silhouettes and map on a stratified sample of %s customers", "轮廓系数与分群图基于 %s 户分层抽样"},
	ClustersRulesTitle:   {"Rules in the data's units (right for %s of customers)", "按原始口径描述的规则（对 %s 的客户成立）"},
	ClustersRuleCount:    {"(%s of %s)", "（%s / %s 户）"},
	ClustersMapTitle:     {"Segment map: PC1 %s, PC2 %s of the variance", "分群图：主成分1 占方差 %s，主成分2 占 %s"},
	Cancelled:            {"Cancelled.", "已取消。"},
	ErrorText:            {"Could not finish: %s", "未能完成：%s"},
	ErrUnavailable:       {"This build has no data engine yet, so no data can be opened.", "此版本尚未包含数据引擎，无法打开数据。"},
	Loading:              {"Loading…", "加载中…"},
	FilterPrompt:         {"filter: ", "筛选："},
	FilterNoMatch:        {"Nothing matches the filter.", "没有符合筛选条件的项。"},

	DataSources:    {"Sources", "数据表"},
	DataRows:       {"rows", "行数"},
	DataColumnsOf:  {"Columns of %s", "%s 的列"},
	DataPreview:    {"Preview", "数据预览"},
	DataPopulation: {"Population to segment", "分群客户范围"},
	DataPopCount:   {"%s customers", "%s 户"},
	DataPopPrompt:  {"column = value: ", "列 = 值："},
	DataPopBadForm: {"Write the filter as column = value; join several with AND.", "请按“列 = 值”的格式填写，多个条件用 且 连接。"},
	DataNotLoaded:  {"No data is open yet.", "尚未打开数据。"},
	ColName:        {"column", "列名"},
	ColType:        {"type", "类型"},
	ColNull:        {"null", "空值"},
	ColDistinct:    {"distinct", "不同值"},
	ColMin:         {"min", "最小"},
	ColMax:         {"max", "最大"},
	KindWide:       {"customer wide table", "客户宽表"},
	KindCustomers:  {"customer master", "客户档案"},
	KindBilling:    {"billing", "电费账单"},
	KindPayments:   {"payments", "缴费记录"},
	KindOutages:    {"outages", "停电记录"},
	KindTickets:    {"95598 tickets", "95598工单"},
	KindSurvey:     {"satisfaction survey", "满意度调查"},
	KindOther:      {"unrecognised", "未识别"},
	PopEveryone:    {"everyone", "全部客户"},
	PopResidential: {"residential", "居民客户"},
	PopBusiness:    {"business", "非居民客户"},
	PopColumn:      {"%s = %s", "%s = %s"},

	DimsFeatures:    {"Dimensions of the wide table", "宽表维度"},
	DimsSelected:    {"%d of %d chosen", "已选 %d / %d"},
	DimsMissing:     {"missing", "缺失"},
	DimsTransform:   {"transform", "变换"},
	DimsWeight:      {"weight", "权重"},
	DimsScaling:     {"scaling: %s", "标准化：%s"},
	DimsCorr:        {"Correlation of the chosen dimensions", "所选维度的相关系数"},
	DimsPickTwo:     {"Choose two or more dimensions (space) to see how they correlate.", "用空格键选择两个或更多维度，即可查看相关系数。"},
	DimsCorrWarn:    {"! %s ~ %s: r = %+.2f, nearly the same information", "! %s ~ %s：r = %+.2f，信息高度重复"},
	DimsCorrOK:      {"No pair above |r| = 0.8.", "没有 |r| 超过 0.8 的维度对。"},
	DimsNoCatalogue: {"The wide table has no catalogued features.", "宽表中没有已编目的维度。"},
	TransformNone:   {"none", "无"},
	TransformLog1p:  {"log1p", "log1p"},
	TransformWinsor: {"winsorise", "缩尾"},
	ScaleZ:          {"z-score", "z 分数"},
	ScaleRobust:     {"robust (median, IQR)", "稳健（中位数、四分位距）"},
	ScaleMinMax:     {"min–max", "最小–最大"},
}
