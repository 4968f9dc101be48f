package i18n

// The labels of the Profiles (4) and Compare (5) screens.
const (
	TaskProfile Key = "task.profile"
	TaskRename  Key = "task.rename"
	TaskMerge   Key = "task.merge"

	HelpRename    Key = "help.rename"
	HelpMerge     Key = "help.merge"
	HelpRecompute Key = "help.recompute"

	ProfSegments      Key = "prof.segments"
	ProfHeat          Key = "prof.heat"
	ProfANOVA         Key = "prof.anova"
	ProfCategories    Key = "prof.categories"
	ProfNoCategorical Key = "prof.nocategorical"
	ProfLiftLegend    Key = "prof.liftlegend"
	ProfSummary       Key = "prof.summary"
	ProfSegmentName   Key = "prof.segmentname"
	ProfCustomers     Key = "prof.customers"
	ProfTraitVs       Key = "prof.traitvs"
	ProfNoData        Key = "prof.nodata"
	ProfNoSegments    Key = "prof.nosegments"
	ProfFitFirst      Key = "prof.fitfirst"
	ProfComputing     Key = "prof.computing"
	ProfAgainHint     Key = "prof.againhint"
	ProfRenamePrompt  Key = "prof.renameprompt"
	ProfMergePick     Key = "prof.mergepick"
	ProfMergeQuestion Key = "prof.mergequestion"
	ProfMergeHint     Key = "prof.mergehint"
	ProfMergeSelf     Key = "prof.mergeself"
	ProfMergedKept    Key = "prof.mergedkept"
	ProfMergedMoved1  Key = "prof.mergedmoved1"
	ProfMergedMoved   Key = "prof.mergedmoved"
	ProfHeatLegend    Key = "prof.heatlegend"
	ProfOverall       Key = "prof.overall"
	ProfColumn        Key = "prof.column"
	ProfNoNumeric     Key = "prof.nonumeric"
	ProfEdited        Key = "prof.edited"

	CmpChart         Key = "cmp.chart"
	CmpTables        Key = "cmp.tables"
	CmpAxisY         Key = "cmp.axisy"
	CmpAxisX         Key = "cmp.axisx"
	QuadManySat      Key = "quad.manysat"
	QuadFewUnsat     Key = "quad.fewunsat"
	QuadFewSat       Key = "quad.fewsat"
	QuadManyUnsat    Key = "quad.manyunsat"
	CmpLines         Key = "cmp.lines"
	CmpAllCustomers  Key = "cmp.allcustomers"
	CmpMarkers       Key = "cmp.markers"
	CmpNotPlotted    Key = "cmp.notplotted"
	CmpRegionTitle   Key = "cmp.regiontitle"
	CmpFewMark       Key = "cmp.fewmark"
	CmpNoRegions     Key = "cmp.noregions"
	CmpCoverageTitle Key = "cmp.coveragetitle"
	CmpTooFewAnswers Key = "cmp.toofew"
	CmpWideCI        Key = "cmp.wideci"
	CmpCoverageOK    Key = "cmp.coverageok"
	CmpNoChart       Key = "cmp.nochart"
	CmpSegment       Key = "cmp.segment"
)

var profileMessages = map[Key][2]string{
	TaskProfile: {"profiling segments", "正在计算分群画像"},
	TaskRename:  {"renaming segment %d", "正在重命名第 %d 群"},
	TaskMerge:   {"merging segment %d into %d", "正在将第 %d 群并入第 %d 群"},

	HelpRename:    {"rename", "重命名"},
	HelpMerge:     {"merge two", "合并两群"},
	HelpRecompute: {"profile again", "重新计算画像"},

	ProfSegments:      {"Segments", "客户群"},
	ProfHeat:          {"Profile heat map", "画像热力图"},
	ProfANOVA:         {"ANOVA", "方差分析"},
	ProfCategories:    {"Categories", "类别分布"},
	ProfNoCategorical: {"The profile has no categorical column (region, heating, payment channel …).", "画像中没有类别型字段（区域、采暖方式、缴费渠道等）。"},
	ProfLiftLegend:    {"share of the segment; ++/+ over-represented (lift ≥ 1.5/1.2), --/- under (≤ 0.67/0.8)", "占该群比例；++/+ 偏多（提升度 ≥ 1.5/1.2），--/- 偏少（≤ 0.67/0.8）"},
	ProfSummary:       {"%d segments · %s customers", "%d 个群 · %s 户"},
	ProfSegmentName:   {"Segment %d", "第 %d 群"},
	ProfCustomers:     {"%s customers", "%s 户"},
	ProfTraitVs:       {"%s: %s, all %s", "%s：%s，总体 %s"},
	ProfNoData:        {"No data is open yet. Open data on screen 1, choose dimensions on screen 2, then fit a segmentation on screen 3.", "尚未打开数据。请在第 1 屏打开数据，在第 2 屏选择维度，再到第 3 屏分群。"},
	ProfNoSegments:    {"No segmentation yet.", "尚未分群。"},
	ProfFitFirst:      {"Fit a segmentation on screen 3 (Clusters) first; its segments are then profiled here and compared on screen 5.", "请先在第 3 屏（聚类）完成分群；之后各群的画像显示在此屏，并可在第 5 屏对比。"},
	ProfComputing:     {"Computing the profile…", "正在计算画像…"},
	ProfAgainHint:     {"Press p to compute the profile again.", "按 p 重新计算画像。"},
	ProfRenamePrompt:  {"name (English / 中文 for both): ", "名称（中文 / English 可同时给出）："},
	ProfMergePick:     {"Merge %s into…: move to the other segment and press enter (esc stops).", "将%s并入……：移到另一个群后按回车（esc 停止）。"},
	ProfMergeQuestion: {"Merge segment %d “%s” (%s customers) into segment %d “%s” (%s customers)? The profile is computed again.", "将第 %d 群“%s”（%s 户）并入第 %d 群“%s”（%s 户）？画像将重新计算。"},
	ProfMergeHint:     {"y  merge      n  keep both", "y  合并      n  保留两群"},
	ProfMergeSelf:     {"Choose a different segment to merge with.", "请选择另一个群进行合并。"},
	ProfMergedKept:    {"Merged %d into %d; every customer is still nearest its own segment's centre.", "已将第 %d 群并入第 %d 群；每户仍离本群中心最近。"},
	ProfMergedMoved1:  {"Merged %d into %d; 1 customer is nearer another segment's centre and moved there.", "已将第 %d 群并入第 %d 群；1 户离另一个群的中心更近，已归入该群。"},
	ProfMergedMoved:   {"Merged %d into %d; %s customers are nearer another segment's centre and moved there.", "已将第 %d 群并入第 %d 群；%s 户离另一个群的中心更近，已归入该群。"},
	ProfHeatLegend:    {"index = segment mean ÷ overall mean × 100 · ++/-- |std. diff.| ≥ 0.8 · +/- ≥ 0.3", "指数 = 群均值 ÷ 总体均值 × 100 · ++/-- 表示 |标准化差异| ≥ 0.8 · +/- 表示 ≥ 0.3"},
	ProfOverall:       {"overall", "总体"},
	ProfColumn:        {"column", "指标"},
	ProfNoNumeric:     {"No numeric column was profiled.", "没有可画像的数值列。"},
	ProfEdited:        {"Renamed and merged segments are not saved yet.", "重命名与合并尚未保存。"},

	CmpChart:         {"Satisfaction versus outages", "满意度与停电频次"},
	CmpTables:        {"Regions and survey coverage", "分区域对比与调查覆盖"},
	CmpAxisY:         {"mean satisfaction (0–10)", "平均满意度（0–10）"},
	CmpAxisX:         {"outages per customer, 12 months", "近12个月户均停电次数"},
	QuadManySat:      {"many outages, satisfied", "停电多·满意"},
	QuadFewUnsat:     {"few outages, unsatisfied", "停电少·不满意"},
	QuadFewSat:       {"few outages, satisfied", "停电少·满意"},
	QuadManyUnsat:    {"many outages, unsatisfied", "停电多·不满意"},
	CmpLines:         {"lines at the averages of %s: satisfaction %.2f, %.2f outages per customer", "参考线为%s平均值：满意度 %.2f，户均停电 %.2f 次"},
	CmpAllCustomers:  {"all customers", "全体客户"},
	CmpMarkers:       {"● segment larger than average · • smaller", "● 规模高于平均的群 · • 低于平均"},
	CmpNotPlotted:    {"not plotted (no survey answers): %s", "未绘出（无调查答卷）：%s"},
	CmpRegionTitle:   {"Satisfaction / outages per customer by region · * best region", "各区域满意度 / 户均停电 · * 为最佳区域"},
	CmpFewMark:       {"? fewer than %d answers", "? 答卷少于 %d 份"},
	CmpNoRegions:     {"The data has no region column, so segments cannot be compared across regions.", "数据中没有区域列，无法分区域对比。"},
	CmpCoverageTitle: {"Survey coverage", "调查覆盖"},
	CmpTooFewAnswers: {"! %s: %d answers from %s customers (%s); too few to trust the mean", "! %s：%d 份答卷，来自 %s 户（%s），样本太少，均值不可靠"},
	CmpWideCI:        {"! %s: mean %.1f ± %.2f (95%% CI); too uncertain to compare", "! %s：均值 %.1f ± %.2f（95%% 置信区间），不确定性过大，不宜比较"},
	CmpCoverageOK:    {"Every segment has enough survey answers.", "各群调查答卷均充足。"},
	CmpNoChart:       {"The data has no satisfaction or outage column, so there is no chart.", "数据中没有满意度或停电次数列，无法绘图。"},
	CmpSegment:       {"segment", "客户群"},
}

func init() { add(profileMessages) }
