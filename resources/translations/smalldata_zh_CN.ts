<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackupsDialog</name>
    <message>
        <source>made by hand</source>
        <translation>手动创建</translation>
    </message>
    <message>
        <source>before merging duplicates</source>
        <translation>合并重复客户之前</translation>
    </message>
    <message>
        <source>before erasing a person</source>
        <translation>删除某人数据之前</translation>
    </message>
    <message>
        <source>before cleaning</source>
        <translation>清洗之前</translation>
    </message>
    <message>
        <source>before an undo</source>
        <translation>撤销之前</translation>
    </message>
    <message>
        <source>before putting a copy back</source>
        <translation>恢复备份之前</translation>
    </message>
    <message>
        <source>{size} MB</source>
        <translation>{size} MB</translation>
    </message>
    <message>
        <source>No safety copies yet: the first is made before the first merge, erasure, cleaning or undo.</source>
        <translation>还没有安全备份：第一次合并、删除、清洗或撤销之前会自动创建第一份。</translation>
    </message>
    <message>
        <source>Making a safety copy…</source>
        <translation>正在创建安全备份…</translation>
    </message>
    <message>
        <source>Safety copy saved: {file}</source>
        <translation>安全备份已保存：{file}</translation>
    </message>
    <message>
        <source>Put back a safety copy</source>
        <translation>恢复安全备份</translation>
    </message>
    <message>
        <source>Put the workspace back as it was on {when}? Everything done since then is replaced. The current state is saved as a safety copy first, so you can come back to it.</source>
        <translation>要把工作区恢复到 {when} 时的样子吗？之后做的所有操作都会被替换。当前状态会先保存为一份安全备份，之后还可以回到现在。</translation>
    </message>
    <message>
        <source>Putting the copy back…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>The workspace is back as it was on {when}; the state before that was saved as a safety copy.</source>
        <translation>工作区已恢复到 {when} 时的样子；恢复前的状态已保存为安全备份。</translation>
    </message>
    <message>
        <source>Safety copies</source>
        <translation>安全备份</translation>
    </message>
    <message>
        <source>A copy of the whole workspace is made automatically before every merge, erasure, cleaning and undo (the newest copies are kept). Choose one and put it back to return to that moment.</source>
        <translation>每次合并、删除、清洗和撤销之前，都会自动备份整个工作区（保留最近的几份）。选择一份并恢复，就能回到那个时刻。</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>创建原因</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Make a copy now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Put back…</source>
        <translation>恢复…</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>Save chart as PNG</source>
        <translation>将图表保存为 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>保存为 PNG…</translation>
    </message>
    <message>
        <source>No chart yet</source>
        <translation>暂无图表</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Checking the data…</source>
        <translation>正在检查数据…</translation>
    </message>
    <message>
        <source>Press “Check the data” to see how complete and usable each column is.</source>
        <translation>点击“检查数据”，查看每一列的完整程度和可用程度。</translation>
    </message>
    <message>
        <source>Last check: {before:.1f} → now {after:.1f}</source>
        <translation>上次检查：{before:.1f} → 现在 {after:.1f}</translation>
    </message>
    <message>
        <source>Nothing drags the score down.</source>
        <translation>没有拉低分数的问题。</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>How usable is your list? A score out of 100, what lowers it, and each column&apos;s completeness and validity. Then clean what is wrong.</source>
        <translation>你的名单可用程度如何？满分 100 分的质量分、拉低分数的原因，以及每一列的完整率和有效率。然后清洗有问题的数据。</translation>
    </message>
    <message>
        <source>quality score out of 100</source>
        <translation>数据质量分（满分 100）</translation>
    </message>
    <message>
        <source>What drags the score down</source>
        <translation>拉低分数的原因</translation>
    </message>
    <message>
        <source>Check the data</source>
        <translation>检查数据</translation>
    </message>
    <message>
        <source>Clean…</source>
        <translation>去清洗…</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>填写率</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效率</translation>
    </message>
    <message>
        <source>Not yet standard</source>
        <translation>待规范格式</translation>
    </message>
    <message>
        <source>Distinct</source>
        <translation>不同值</translation>
    </message>
    <message>
        <source>Fake</source>
        <translation>假值</translation>
    </message>
    <message>
        <source>Most common values</source>
        <translation>最常见的值</translation>
    </message>
    <message>
        <source>Filled cells holding a usable value of their kind: a real phone number, a readable date or amount, whether or not it is written the standard way yet</source>
        <translation>已填写且内容可用的单元格：真实的电话号码、能读懂的日期或金额，不论是否已写成标准格式</translation>
    </message>
    <message>
        <source>Usable values Clean will still rewrite into the standard form, e.g. 13800138000 → +8613800138000</source>
        <translation>内容可用、但“清洗”仍会改写为标准格式的值，例如 13800138000 → +8613800138000</translation>
    </message>
</context>
<context>
    <name>CleanPage</name>
    <message>
        <source>(blank)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Looking for fixes…</source>
        <translation>正在查找可修正的问题…</translation>
    </message>
    <message>
        <source>Stopped; nothing changed.</source>
        <translation>已停止，未做任何修改。</translation>
    </message>
    <message>
        <source>{n} suggested fixes. Untick any you do not want, check the preview, then apply.</source>
        <translation>共 {n} 项建议修正。取消勾选不需要的项，查看预览后再应用。</translation>
    </message>
    <message>
        <source>Nothing to clean: every value is already in its clean form.</source>
        <translation>无需清洗：所有值都已是规范形式。</translation>
    </message>
    <message>
        <source>Applying the fixes…</source>
        <translation>正在应用修正…</translation>
    </message>
    <message numerus="yes">
        <source>%n phone number(s) from notes added as alternate phones. Undo takes them back.</source>
        <translation>
            <numerusform>已将备注中的 %n 个电话添加为备用电话。撤销可全部收回。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing needed changing.</source>
        <translation>没有需要修改的内容。</translation>
    </message>
    <message>
        <source>{cells} cells changed in {customers} customers, as one step in the history. Undo takes it all back.</source>
        <translation>已修改 {customers} 位客户的 {cells} 个单元格，记为历史中的一步。撤销可全部恢复。</translation>
    </message>
    <message>
        <source>The last step was undone.</source>
        <translation>已撤销上一步。</translation>
    </message>
    <message>
        <source>Quality score {before:.0f} → {after:.0f}</source>
        <translation>数据质量分 {before:.0f} → {after:.0f}</translation>
    </message>
    <message>
        <source>Quality score now {score:.0f}</source>
        <translation>当前数据质量分 {score:.0f}</translation>
    </message>
    <message>
        <source>Grouping similar values…</source>
        <translation>正在归组相似的值…</translation>
    </message>
    <message>
        <source>{n} spellings, {rows} customers</source>
        <translation>{n} 种写法，{rows} 位客户</translation>
    </message>
    <message>
        <source>The value all of them become; double-click to type another</source>
        <translation>这些写法将统一成的值；双击可改写</translation>
    </message>
    <message>
        <source>No groups of similar values found in {field}.</source>
        <translation>“{field}”中没有找到相似的值。</translation>
    </message>
    <message>
        <source>{n} customers now share one spelling. Undo takes it back.</source>
        <translation>{n} 位客户已统一为一种写法。撤销可恢复。</translation>
    </message>
    <message>
        <source>Clean</source>
        <translation>清洗</translation>
    </message>
    <message>
        <source>Suggested fixes for every column. See each change before it happens; applied fixes are one step you can undo.</source>
        <translation>每一列的建议修正。每项修改执行前都可预览；应用后作为一步记录，可随时撤销。</translation>
    </message>
    <message>
        <source>Find fixes</source>
        <translation>查找修正</translation>
    </message>
    <message>
        <source>Fake values:</source>
        <translation>假值：</translation>
    </message>
    <message>
        <source>Blank them</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Keep them, flagged</source>
        <translation>保留并标记</translation>
    </message>
    <message>
        <source>Exclude the customer</source>
        <translation>排除该客户</translation>
    </message>
    <message>
        <source>test@test.com, 13800000000, 张三, N/A …: blank the cell, keep it with a flag, or leave the whole customer out of lists and exports (undoable).</source>
        <translation>test@test.com、13800000000、张三、N/A……：清空该单元格、保留并标记，或将整个客户排除在名单和导出之外（可撤销）。</translation>
    </message>
    <message>
        <source>Add phones from notes</source>
        <translation>添加备注中的电话</translation>
    </message>
    <message>
        <source>Apply selected</source>
        <translation>应用所选</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>修正</translation>
    </message>
    <message>
        <source>Cells</source>
        <translation>单元格</translation>
    </message>
    <message>
        <source>Examples (before → after)</source>
        <translation>示例（修改前 → 修改后）</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>Similar values</source>
        <translation>相似的值</translation>
    </message>
    <message>
        <source>Spellings</source>
        <translation>写法</translation>
    </message>
    <message>
        <source>Becomes</source>
        <translation>统一为</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <source>Same pinyin</source>
        <translation>拼音相同</translation>
    </message>
    <message>
        <source>Same words</source>
        <translation>词相同</translation>
    </message>
    <message>
        <source>Same letters</source>
        <translation>字母组合相同</translation>
    </message>
    <message>
        <source>Traditional = Simplified</source>
        <translation>繁简相同</translation>
    </message>
    <message>
        <source>Near spellings</source>
        <translation>拼写相近</translation>
    </message>
    <message>
        <source>Find groups</source>
        <translation>查找分组</translation>
    </message>
    <message>
        <source>Merge selected</source>
        <translation>合并所选</translation>
    </message>
</context>
<context>
    <name>ClustersTab</name>
    <message>
        <source>Tick at least one feature.</source>
        <translation>请至少勾选一个特征。</translation>
    </message>
    <message>
        <source>Trying 2 to 10 groups</source>
        <translation>正在尝试分成 2 到 10 组</translation>
    </message>
    <message>
        <source>{k} personas saved.</source>
        <translation>已保存 {k} 个客户画像。</translation>
    </message>
    <message>
        <source>Persona renamed to “{name}”.</source>
        <translation>画像已改名为“{name}”。</translation>
    </message>
    <message>
        <source>Tick the features to group customers by, then Run. The number of groups is chosen for you and explained.</source>
        <translation>勾选用于分组的特征，然后点击“运行”。程序会自动选定分组数并说明理由。</translation>
    </message>
    <message>
        <source>You chose k = {k}.</source>
        <translation>您选择了 k = {k}。</translation>
    </message>
    <message>
        <source>Recommended: {reason}</source>
        <translation>推荐：{reason}</translation>
    </message>
    <message>
        <source>Run again to see this chart</source>
        <translation>重新运行后可查看此图</translation>
    </message>
    <message>
        <source>Group customers by</source>
        <translation>按以下特征分组</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Groups (k)</source>
        <translation>分组数 (k)</translation>
    </message>
    <message>
        <source>Use this k</source>
        <translation>使用此 k</translation>
    </message>
</context>
<context>
    <name>ConditionRow</name>
    <message>
        <source>values separated by commas</source>
        <translation>多个值用逗号分隔</translation>
    </message>
    <message>
        <source>low, high</source>
        <translation>下限, 上限</translation>
    </message>
    <message>
        <source>number of days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>出了点问题</translation>
    </message>
    <message>
        <source>SmallData Studio hit an unexpected problem. Your workspace is safe: the last step was not saved. Please copy the details below and send them to us.</source>
        <translation>小数据工作室遇到了意外问题。您的工作区是安全的：最后一步没有保存。请复制下面的详细信息并发送给我们。</translation>
    </message>
    <message>
        <source>Log file: {path}</source>
        <translation>日志文件：{path}</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
</context>
<context>
    <name>CustomersModel</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Extra field kept from your file: {header}</source>
        <translation>从您的文件中保留的附加字段：{header}</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Loading customers…</source>
        <translation>正在载入客户…</translation>
    </message>
    <message>
        <source>{shown} of {total} customers match</source>
        <translation>{total} 位客户中有 {shown} 位匹配</translation>
    </message>
    <message>
        <source>{total} customers</source>
        <translation>共 {total} 位客户</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Everyone in this workspace, as imported. Search to find someone, click a column title to sort; next, check and clean the data.</source>
        <translation>这里是工作区中的全部客户（按导入时的样子）。可搜索查找客户，点击列标题排序；下一步：检查并清洗数据。</translation>
    </message>
    <message>
        <source>Search names, phones, e-mails, companies…</source>
        <translation>搜索姓名、手机、邮箱、公司…</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Customers by province</source>
        <translation>各省份客户数</translation>
    </message>
    <message>
        <source>Customers by city</source>
        <translation>各城市客户数</translation>
    </message>
    <message>
        <source>Customers by industry</source>
        <translation>各行业客户数</translation>
    </message>
    <message>
        <source>Saved segments</source>
        <translation>已保存的分群</translation>
    </message>
    <message>
        <source>Personas</source>
        <translation>客户画像</translation>
    </message>
    <message>
        <source>No province column yet</source>
        <translation>还没有省份列</translation>
    </message>
    <message>
        <source>No city column yet</source>
        <translation>还没有城市列</translation>
    </message>
    <message>
        <source>No industry column yet</source>
        <translation>还没有行业列</translation>
    </message>
    <message>
        <source>No segments yet: make some on the Segment page</source>
        <translation>还没有分群：请在“分群”页面创建</translation>
    </message>
    <message>
        <source>RFM not computed yet</source>
        <translation>尚未计算 RFM</translation>
    </message>
    <message>
        <source>No personas yet</source>
        <translation>还没有客户画像</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <source>Your customers at a glance. Every chart can be saved as a PNG for a report.</source>
        <translation>客户概况一目了然。每张图表都可保存为 PNG 用于报告。</translation>
    </message>
    <message>
        <source>customers</source>
        <translation>位客户</translation>
    </message>
    <message>
        <source>data quality score</source>
        <translation>数据质量评分</translation>
    </message>
    <message>
        <source>purchase lines linked</source>
        <translation>条购买记录已关联</translation>
    </message>
    <message>
        <source>saved segments</source>
        <translation>个已保存分群</translation>
    </message>
</context>
<context>
    <name>DedupPage</name>
    <message>
        <source>very likely the same person ({p})</source>
        <translation>很可能是同一人（{p}）</translation>
    </message>
    <message>
        <source>likely the same person ({p})</source>
        <translation>可能是同一人（{p}）</translation>
    </message>
    <message>
        <source>perhaps the same person ({p})</source>
        <translation>也许是同一人（{p}）</translation>
    </message>
    <message>
        <source>probably different people ({p})</source>
        <translation>大概是不同的人（{p}）</translation>
    </message>
    <message>
        <source>Looking for duplicates…</source>
        <translation>正在查找重复客户…</translation>
    </message>
    <message>
        <source>Stopped; nothing changed.</source>
        <translation>已停止，未做任何更改。</translation>
    </message>
    <message>
        <source>{pairs} candidate pairs compared: {groups} sure matches merged ({records} records into {groups} customers), {unsure} unsure pairs to review.</source>
        <translation>比较了 {pairs} 对候选记录：已合并 {groups} 组确定重复（{records} 条记录合并为 {groups} 位客户），{unsure} 对不确定，需要人工核对。</translation>
    </message>
    <message>
        <source>{pairs} candidate pairs compared: {groups} sure matches to merge ({records} records into {groups} customers), {unsure} unsure pairs to review.</source>
        <translation>比较了 {pairs} 对候选记录：{groups} 组确定重复可合并（{records} 条记录合并为 {groups} 位客户），{unsure} 对不确定，需要人工核对。</translation>
    </message>
    <message>
        <source>Only the newest import was matched against the customers you already had.</source>
        <translation>只将最新导入的记录与已有客户比对。</translation>
    </message>
    <message>
        <source>Check how merged customers keep their values on the left, then press Merge sure matches. Review the unsure pairs after that.</source>
        <translation>先在左侧确认合并后每个字段保留哪个值，再点“合并确定重复”。之后核对不确定的记录对。</translation>
    </message>
    <message>
        <source>No sure matches left. Review the unsure pairs: S if they are the same person, D if not, K to skip.</source>
        <translation>没有待合并的确定重复了。请核对不确定的记录对：是同一人按 S，不是按 D，跳过按 K。</translation>
    </message>
    <message>
        <source>No duplicates found. Go on to the next step.</source>
        <translation>没有发现重复客户，可以进行下一步。</translation>
    </message>
    <message>
        <source>Merging the sure matches…</source>
        <translation>正在合并确定重复的客户…</translation>
    </message>
    <message>
        <source>Merged {records} records into {groups} customers, as one step in the history. Each merge can be undone on its own under Merges.</source>
        <translation>已将 {records} 条记录合并为 {groups} 位客户，在历史中记为一步。每次合并都可以在“合并记录”中单独撤销。</translation>
    </message>
    <message>
        <source>Now review the unsure pairs: S same, D different, K skip.</source>
        <translation>现在核对不确定的记录对：S 相同，D 不同，K 跳过。</translation>
    </message>
    <message>
        <source>Press Find duplicates to look for customers entered more than once.</source>
        <translation>点“查找重复”，找出被录入多次的客户。</translation>
    </message>
    <message>
        <source>No unsure pairs to review.</source>
        <translation>没有需要核对的记录对。</translation>
    </message>
    <message>
        <source>All {total} pairs gone through: {decided} answered, {skipped} skipped.</source>
        <translation>{total} 对已全部看完：{decided} 对已判断，{skipped} 对跳过。</translation>
    </message>
    <message>
        <source>Pair {n} of {total}</source>
        <translation>第 {n} 对，共 {total} 对</translation>
    </message>
    <message>
        <source>Customer #{id}</source>
        <translation>客户 #{id}</translation>
    </message>
    <message>
        <source>(now in #{id})</source>
        <translation>（现已并入 #{id}）</translation>
    </message>
    <message>
        <source>Comes from</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>依据：</translation>
    </message>
    <message>
        <source>Other phones</source>
        <translation>其他电话</translation>
    </message>
    <message>
        <source>Other e-mails</source>
        <translation>其他邮箱</translation>
    </message>
    <message>
        <source>and {n} more</source>
        <translation>另有 {n} 条</translation>
    </message>
    <message>
        <source>Merged customers {ids} into customer #{id}.</source>
        <translation>已将客户 {ids} 合并为客户 #{id}。</translation>
    </message>
    <message>
        <source>Customer #{id} is back as {n} customers ({ids}).</source>
        <translation>客户 #{id} 已拆回 {n} 位客户（{ids}）。</translation>
    </message>
    <message>
        <source>Changes made to the merged customer after the merge were dropped: {fields}.</source>
        <translation>合并之后对该客户所做的修改已丢弃：{fields}。</translation>
    </message>
    <message>
        <source>Every merge made in this workspace, newest first. Undo one and its customers come back exactly as they were.</source>
        <translation>本工作区的所有合并，最新的在前。撤销其中一次，原来的客户会原样恢复。</translation>
    </message>
    <message>
        <source>No merges yet.</source>
        <translation>还没有合并过客户。</translation>
    </message>
    <message>
        <source>Merges ({n})</source>
        <translation>合并记录（{n}）</translation>
    </message>
    <message>
        <source>Review unsure pairs ({n})</source>
        <translation>核对不确定的记录对（{n}）</translation>
    </message>
    <message>
        <source>The customers changed since the last search. Press Find duplicates again.</source>
        <translation>上次查找之后客户数据有变化，请重新点“查找重复”。</translation>
    </message>
    <message>
        <source>Deduplicate</source>
        <translation>去重</translation>
    </message>
    <message>
        <source>Finds the same customer entered more than once (张伟 and Zhang Wei, one phone written three ways). Find duplicates, merge the sure matches, then review the unsure pairs; any merge can be undone.</source>
        <translation>找出被录入多次的同一位客户（张伟和 Zhang Wei、同一个电话的三种写法）。先查找重复，合并确定的，再核对不确定的；任何一次合并都可以撤销。</translation>
    </message>
    <message>
        <source>Find duplicates</source>
        <translation>查找重复</translation>
    </message>
    <message>
        <source>Merge sure matches</source>
        <translation>合并确定重复</translation>
    </message>
    <message>
        <source>When records are merged, the customer keeps:</source>
        <translation>合并记录时，客户保留：</translation>
    </message>
    <message>
        <source>Purchase counts and totals:</source>
        <translation>购买次数和消费金额：</translation>
    </message>
    <message>
        <source>From the newest record</source>
        <translation>取最新的记录</translation>
    </message>
    <message>
        <source>Sum — the sheets hold different purchases</source>
        <translation>相加——各表记录的是不同的购买</translation>
    </message>
    <message>
        <source>Same person (S)</source>
        <translation>同一人 (S)</translation>
    </message>
    <message>
        <source>Different (D)</source>
        <translation>不同的人 (D)</translation>
    </message>
    <message>
        <source>Skip (K)</source>
        <translation>跳过 (K)</translation>
    </message>
    <message>
        <source>Undo the selected merge</source>
        <translation>撤销选中的合并</translation>
    </message>
    <message>
        <source>Review unsure pairs</source>
        <translation>核对不确定的记录对</translation>
    </message>
    <message>
        <source>Merges</source>
        <translation>合并记录</translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message>
        <source>Erase a person</source>
        <translation>删除某人的数据</translation>
    </message>
    <message>
        <source>Search by name, email, mobile number or customer number.</source>
        <translation>按姓名、邮箱、手机号或客户编号搜索。</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Erasing removes this person from your customers, from the rows imported from your files and from every value kept in the history. This cannot be undone. Only a fingerprint (a salted hash) of their email and phone is kept, so that if they appear in a later import they are flagged instead of silently coming back.</source>
        <translation>删除会把此人从客户名单、从文件导入的原始行以及历史记录中保存的所有值中移除。此操作无法撤销。只保留其邮箱和手机号的指纹（加盐哈希），以便今后再次导入时被标记出来，而不会悄悄回到名单中。</translation>
    </message>
    <message>
        <source>Before erasing, a safety copy of the whole workspace is saved in the backups folder next to it, so a wrong erase can still be put back from that copy. That copy and older ones still hold this person&apos;s data: delete them if the person asked to be removed everywhere.</source>
        <translation>删除前，会把整个工作区的安全备份保存在它旁边的备份文件夹里，万一删错了还可以从备份恢复。这份备份和更早的备份里仍然有此人的数据：如果此人要求在所有地方删除，请把这些备份也删掉。</translation>
    </message>
    <message>
        <source>I understand that this cannot be undone</source>
        <translation>我明白此操作无法撤销</translation>
    </message>
    <message>
        <source>Erase this person</source>
        <translation>删除此人</translation>
    </message>
    <message numerus="yes">
        <source>%Ln people found</source>
        <translation>
            <numerusform>找到 %Ln 人</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿 (.xlsx)</translation>
    </message>
    <message>
        <source>A formatted sheet with a frozen header and filters, for reading and sharing.</source>
        <translation>带冻结表头和筛选的格式化表格，便于阅读和分享。</translation>
    </message>
    <message>
        <source>CSV for Excel (UTF-8 with BOM)</source>
        <translation>用于 Excel 的 CSV（UTF-8 带 BOM）</translation>
    </message>
    <message>
        <source>Opens in Excel with Chinese shown correctly.</source>
        <translation>用 Excel 打开时中文正常显示。</translation>
    </message>
    <message>
        <source>CSV in GBK</source>
        <translation>GBK 编码的 CSV</translation>
    </message>
    <message>
        <source>For older Chinese software that expects GBK.</source>
        <translation>用于要求 GBK 编码的旧版中文软件。</translation>
    </message>
    <message>
        <source>CSV, plain UTF-8</source>
        <translation>CSV（纯 UTF-8）</translation>
    </message>
    <message>
        <source>For uploading to other systems and websites.</source>
        <translation>用于上传到其他系统和网站。</translation>
    </message>
    <message>
        <source>Mailchimp contacts</source>
        <translation>Mailchimp 联系人</translation>
    </message>
    <message>
        <source>Imports into Mailchimp without mapping; people without a usable email are left out.</source>
        <translation>可直接导入 Mailchimp，无需对应字段；没有可用邮箱的人不导出。</translation>
    </message>
    <message>
        <source>HubSpot contacts</source>
        <translation>HubSpot 联系人</translation>
    </message>
    <message>
        <source>Imports into HubSpot without mapping; one row per email address.</source>
        <translation>可直接导入 HubSpot，无需对应字段；每个邮箱一行。</translation>
    </message>
    <message>
        <source>Brevo contacts (email and SMS)</source>
        <translation>Brevo 联系人（邮件和短信）</translation>
    </message>
    <message>
        <source>Email and mobile number in +86 form for SMS campaigns.</source>
        <translation>邮箱和 +86 格式的手机号，用于短信营销。</translation>
    </message>
    <message>
        <source>Phone contacts (vCard .vcf)</source>
        <translation>手机通讯录（vCard .vcf）</translation>
    </message>
    <message>
        <source>Import into a phone&apos;s or email program&apos;s address book.</source>
        <translation>导入手机或邮件程序的通讯录。</translation>
    </message>
    <message>
        <source>Mail merge (salutations)</source>
        <translation>邮件合并（称呼）</translation>
    </message>
    <message>
        <source>A sheet with 尊敬的王先生 / Dear Mr. Wang for personalised letters in Word or WPS.</source>
        <translation>含“尊敬的王先生 / Dear Mr. Wang”称呼的表格，用于在 Word 或 WPS 中制作个性化信函。</translation>
    </message>
    <message>
        <source>Address labels (PDF)</source>
        <translation>地址标签（PDF）</translation>
    </message>
    <message>
        <source>A4 label sheets for direct mail; people without an address are left out.</source>
        <translation>用于直邮的 A4 标签纸；没有地址的人不导出。</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Import a suppression list</source>
        <translation>导入屏蔽名单</translation>
    </message>
    <message>
        <source>Lists (*.csv *.xlsx *.xls *.txt);;All files (*)</source>
        <translation>名单 (*.csv *.xlsx *.xls *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Add to the suppression list</source>
        <translation>加入屏蔽名单</translation>
    </message>
    <message>
        <source>Email addresses or mobile numbers, one per line:</source>
        <translation>邮箱或手机号，每行一个：</translation>
    </message>
    <message numerus="yes">
        <source>All customers (%Ln)</source>
        <translation>
            <numerusform>全部客户（%Ln）</numerusform>
        </translation>
    </message>
    <message>
        <source>Segment: %1 (%2)</source>
        <translation>分群：%1（%2）</translation>
    </message>
    <message>
        <source>Tag: %1 (%2)</source>
        <translation>标签：%1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>Suppression list: %Ln address(es) or number(s) that never receive marketing</source>
        <translation>
            <numerusform>屏蔽名单：%Ln 个邮箱或号码永不接收营销信息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln fingerprint(s) of erased people</source>
        <translation>
            <numerusform>；%Ln 个已删除人员的指纹</numerusform>
        </translation>
    </message>
    <message>
        <source>Tick the columns to include.</source>
        <translation>勾选要导出的列。</translation>
    </message>
    <message>
        <source>This format has its own fixed columns.</source>
        <translation>此格式的列是固定的。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln customer(s) will be exported</source>
        <translation>
            <numerusform>将导出 %Ln 位客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln left out:</source>
        <translation>
            <numerusform>未导出 %Ln 位：</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody is left out.</source>
        <translation>没有人被排除。</translation>
    </message>
    <message>
        <source>%1 value(s) in %2 will be shortened to fit the format.</source>
        <translation>“%2”中有 %1 个值将被截短以符合格式要求。</translation>
    </message>
    <message>
        <source>customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Writing %1</source>
        <translation>正在写入 %1</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，没有写入任何文件。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln customer(s) written to %1.</source>
        <translation>
            <numerusform>已将 %Ln 位客户写入 %1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln added to the suppression list</source>
        <translation>
            <numerusform>已有 %Ln 条加入屏蔽名单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%Ln already on it)</source>
        <translation>
            <numerusform>（%Ln 条已在名单中）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln line(s) held no email or phone</source>
        <translation>
            <numerusform>；%Ln 行没有邮箱或手机号</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The person was erased. %Ln record(s) removed.</source>
        <translation>
            <numerusform>已删除此人，共移除 %Ln 条记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>The safety copies in %1 still hold their data (the newest was made just before the erase).</source>
        <translation>%1 中的安全备份仍保存着其数据（最新一份是在删除前刚刚做的）。</translation>
    </message>
    <message>
        <source>Make a list to send to: choose who, the file type and the columns. People who said no to marketing and people on the suppression list are left out; the summary says who and why before anything is written.</source>
        <translation>生成可发送的名单：选择对象、文件类型和列。拒绝营销的人和屏蔽名单上的人不会导出；写入文件前，摘要会说明谁被排除以及原因。</translation>
    </message>
    <message>
        <source>What to export</source>
        <translation>导出内容</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>File type</source>
        <translation>文件类型</translation>
    </message>
    <message>
        <source>Label sheet</source>
        <translation>标签纸</translation>
    </message>
    <message>
        <source>A4, 3 × 7 labels (21 per sheet)</source>
        <translation>A4，3 × 7 标签（每页 21 个）</translation>
    </message>
    <message>
        <source>A4, 2 × 7 labels (14 per sheet)</source>
        <translation>A4，2 × 7 标签（每页 14 个）</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>营销同意</translation>
    </message>
    <message>
        <source>Include people whose consent is unknown</source>
        <translation>包括未知是否同意的人</translation>
    </message>
    <message>
        <source>Also include people who said no to marketing (not recommended)</source>
        <translation>也包括拒绝营销的人（不建议）</translation>
    </message>
    <message>
        <source>Sending marketing to people who refused it may break the law (GDPR, PIPL) and harms your reputation. This choice is written to the history.</source>
        <translation>向拒绝营销的人发送营销信息可能违法（GDPR、《个人信息保护法》），也会损害您的声誉。此选择会记录在历史中。</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Never contact</source>
        <translation>禁止联系</translation>
    </message>
    <message>
        <source>Import a list…</source>
        <translation>导入名单…</translation>
    </message>
    <message>
        <source>Type addresses…</source>
        <translation>输入地址…</translation>
    </message>
    <message>
        <source>Erase a person…</source>
        <translation>删除某人的数据…</translation>
    </message>
</context>
<context>
    <name>GroupBox</name>
    <message>
        <source>Match</source>
        <translation>满足</translation>
    </message>
    <message>
        <source>all of these (AND)</source>
        <translation>以下全部条件 (且)</translation>
    </message>
    <message>
        <source>any of these (OR)</source>
        <translation>以下任一条件 (或)</translation>
    </message>
    <message>
        <source>+ Condition</source>
        <translation>+ 条件</translation>
    </message>
    <message>
        <source>Remove group</source>
        <translation>删除条件组</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Done (undid step {id})</source>
        <translation>已执行（撤销了第 {id} 步）</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已执行</translation>
    </message>
    <message>
        <source>Undone {time}</source>
        <translation>已撤销 {time}</translation>
    </message>
    <message>
        <source>Select a step to undo it, or to redo it if it was undone.</source>
        <translation>选中一步即可撤销；已撤销的步骤可以重做。</translation>
    </message>
    <message>
        <source>Step {id}, {time}: {summary}</source>
        <translation>第 {id} 步，{time}：{summary}</translation>
    </message>
    <message>
        <source>Done: {step}</source>
        <translation>已完成：{step}</translation>
    </message>
    <message>
        <source>History</source>
        <translation>操作历史</translation>
    </message>
    <message>
        <source>Every step you took in this workspace, newest first. Undo any step; an undone step can be brought back with Redo.</source>
        <translation>这个工作区里做过的每一步，最新的在最上面。任何一步都可以撤销，撤销后还可以重做。</translation>
    </message>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>改动内容</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>&amp;Undo selected step</source>
        <translation>撤销所选步骤(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo selected step</source>
        <translation>重做所选步骤(&amp;R)</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Choose customer files</source>
        <translation>选择客户文件</translation>
    </message>
    <message>
        <source>Spreadsheets and text files</source>
        <translation>电子表格和文本文件</translation>
    </message>
    <message>
        <source>Reading {count} file(s)…</source>
        <translation>正在读取 {count} 个文件…</translation>
    </message>
    <message>
        <source>This file could not be read (unexpected error).</source>
        <translation>无法读取此文件（意外错误）。</translation>
    </message>
    <message>
        <source>Sheet “{sheet}” in {file} is skipped: {reason}.</source>
        <translation>{file} 中的工作表“{sheet}”已跳过：{reason}。</translation>
    </message>
    <message>
        <source>Importing customers…</source>
        <translation>正在导入客户…</translation>
    </message>
    <message>
        <source>Import cancelled. Nothing was changed.</source>
        <translation>导入已取消，未做任何更改。</translation>
    </message>
    <message>
        <source>{file} was already imported on {when}; it was not imported again.</source>
        <translation>{file} 已于 {when} 导入过，本次未重复导入。</translation>
    </message>
    <message>
        <source>{file} › {sheet}: {rows} customers imported.</source>
        <translation>{file} › {sheet}：已导入 {rows} 位客户。</translation>
    </message>
    <message>
        <source>{count} rows skipped: {reasons}.</source>
        <translation>跳过 {count} 行：{reasons}。</translation>
    </message>
    <message>
        <source>Sheet “{sheet}” skipped: {reason}.</source>
        <translation>已跳过工作表“{sheet}”：{reason}。</translation>
    </message>
    <message>
        <source>Import customer lists</source>
        <translation>导入客户名单</translation>
    </message>
    <message>
        <source>Bring in your Excel or CSV files. Check that the highlighted header row and the column choices are right, then press Import.</source>
        <translation>导入您的 Excel 或 CSV 文件。确认高亮的表头行和各列的用途无误后，点击“导入”。</translation>
    </message>
    <message>
        <source>Choose files…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Drop Excel (.xlsx, .xls, .ods) or CSV files here,
or press “Choose files…”.</source>
        <translation>将 Excel（.xlsx、.xls、.ods）或 CSV 文件拖到这里，
或点击“选择文件…”。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <source>No workspace open</source>
        <translation>未打开工作区</translation>
    </message>
    <message>
        <source>Workspace: {name}</source>
        <translation>工作区：{name}</translation>
    </message>
    <message>
        <source>{count} customers</source>
        <translation>{count} 位客户</translation>
    </message>
    <message>
        <source>New workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <source>Workspaces</source>
        <translation>工作区</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Bring in your Excel or CSV files.</source>
        <translation>导入你的 Excel 或 CSV 文件。</translation>
    </message>
    <message>
        <source>Look through the customers you imported.</source>
        <translation>浏览已导入的客户。</translation>
    </message>
    <message>
        <source>See how complete and valid the data is.</source>
        <translation>查看数据是否完整、有效。</translation>
    </message>
    <message>
        <source>Fix phones, e-mails, names and cities.</source>
        <translation>修正手机号、邮箱、姓名和城市。</translation>
    </message>
    <message>
        <source>Merge the same customer found in several rows.</source>
        <translation>合并出现在多行里的同一位客户。</translation>
    </message>
    <message>
        <source>Group customers by rules, RFM or automatic groups.</source>
        <translation>按规则、RFM 或自动分组。</translation>
    </message>
    <message>
        <source>See the whole list at a glance.</source>
        <translation>一眼看清整个名单。</translation>
    </message>
    <message>
        <source>Write mailing lists that respect consent.</source>
        <translation>导出尊重营销同意的发送名单。</translation>
    </message>
    <message>
        <source>See every step and undo any of them.</source>
        <translation>查看每一步，任何一步都能撤销。</translation>
    </message>
    <message>
        <source>This is the last step.</source>
        <translation>这是最后一步。</translation>
    </message>
    <message>
        <source>Next: {step}</source>
        <translation>下一步：{step}</translation>
    </message>
    <message>
        <source>Next step →</source>
        <translation>下一步 →</translation>
    </message>
    <message>
        <source>Customers changed since this score was measured; run Check again to update it.</source>
        <translation>测得此分数后客户数据又有改动；请再运行一次“检查”来更新。</translation>
    </message>
    <message>
        <source>The share of filled, valid and genuine values (Check shows the details).</source>
        <translation>已填写、有效且真实的值所占比例（详情见“检查”）。</translation>
    </message>
    <message>
        <source>Quality: not checked yet</source>
        <translation>质量：尚未检查</translation>
    </message>
    <message>
        <source>Quality {score} (before the latest changes)</source>
        <translation>质量 {score}（最近改动之前）</translation>
    </message>
    <message>
        <source>Quality {score}</source>
        <translation>质量 {score}</translation>
    </message>
    <message>
        <source>&amp;Undo {step}</source>
        <translation>撤销 {step}(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo {step}</source>
        <translation>重做 {step}(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>The last step was undone.</source>
        <translation>已撤销上一步。</translation>
    </message>
    <message>
        <source>SmallData Studio</source>
        <translation>小数据工作室</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New workspace…</source>
        <translation>新建工作区(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>导入文件(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Safety copies…</source>
        <translation>安全备份(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>操作历史(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Next step</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous step</source>
        <translation>上一步(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Welcome…</source>
        <translation>欢迎页(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>MergesModel</name>
    <message>
        <source>Merged customer</source>
        <translation>合并后的客户</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（无姓名）</translation>
    </message>
    <message>
        <source>Undo this merge</source>
        <translation>撤销这次合并</translation>
    </message>
    <message>
        <source>Made from customers {ids}</source>
        <translation>由客户 {ids} 合并而成</translation>
    </message>
</context>
<context>
    <name>PairTable</name>
    <message>
        <source>(blank)</source>
        <translation>（空）</translation>
    </message>
</context>
<context>
    <name>RfmTab</name>
    <message>
        <source>Computing RFM</source>
        <translation>正在计算 RFM</translation>
    </message>
    <message>
        <source>RFM as of {date}: {n} customers scored.</source>
        <translation>截至 {date} 的 RFM：已为 {n} 位客户评分。</translation>
    </message>
    <message>
        <source>Not computed yet. Pick the reference date and run.</source>
        <translation>尚未计算。请选择参考日期后运行。</translation>
    </message>
    <message>
        <source>purchase lines</source>
        <translation>购买记录</translation>
    </message>
    <message>
        <source>the customer sheet&apos;s purchase columns</source>
        <translation>客户表中的购买信息列</translation>
    </message>
    <message>
        <source>As of {date}, from {source}: {buyers} of {n} customers bought.</source>
        <translation>截至 {date}，依据{source}：{n} 位客户中 {buyers} 位有购买。</translation>
    </message>
    <message>
        <source>Reference date</source>
        <translation>参考日期</translation>
    </message>
    <message>
        <source>Run RFM</source>
        <translation>计算 RFM</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>建议做法</translation>
    </message>
</context>
<context>
    <name>RulesTab</name>
    <message>
        <source>{n} of {total} customers match</source>
        <translation>{total} 位客户中 {n} 位符合</translation>
    </message>
    <message>
        <source>Add at least one complete condition first.</source>
        <translation>请先添加至少一个完整的条件。</translation>
    </message>
    <message>
        <source>Segment “{name}” saved: {n} customers.</source>
        <translation>分群“{name}”已保存：{n} 位客户。</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Personas</source>
        <translation>客户画像</translation>
    </message>
    <message>
        <source>Tags: {tags}</source>
        <translation>标签：{tags}</translation>
    </message>
    <message>
        <source>Choose a segment in the list first.</source>
        <translation>请先在列表中选择一个分群。</translation>
    </message>
    <message>
        <source>Tag “{tag}” added to {n} customers.</source>
        <translation>已为 {n} 位客户添加标签“{tag}”。</translation>
    </message>
    <message>
        <source>Tag “{tag}” removed from {n} customers.</source>
        <translation>已从 {n} 位客户移除标签“{tag}”。</translation>
    </message>
    <message>
        <source>Segment “{name}” deleted (Undo brings it back).</source>
        <translation>分群“{name}”已删除（可撤销恢复）。</translation>
    </message>
    <message>
        <source>Customers who match</source>
        <translation>客户需满足</translation>
    </message>
    <message>
        <source>every group (AND)</source>
        <translation>所有条件组 (且)</translation>
    </message>
    <message>
        <source>any group (OR)</source>
        <translation>任一条件组 (或)</translation>
    </message>
    <message>
        <source>+ Group</source>
        <translation>+ 条件组</translation>
    </message>
    <message>
        <source>Segment name, e.g. 广州制造业</source>
        <translation>分群名称，例如 广州制造业</translation>
    </message>
    <message>
        <source>Save segment</source>
        <translation>保存分群</translation>
    </message>
    <message>
        <source>Saved segments (sizes are counted now)</source>
        <translation>已保存的分群（人数为当前实时计算）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>定义</translation>
    </message>
    <message>
        <source>Tag, e.g. VIP</source>
        <translation>标签，例如 VIP</translation>
    </message>
    <message>
        <source>Tag segment</source>
        <translation>为分群加标签</translation>
    </message>
    <message>
        <source>Remove tag</source>
        <translation>移除标签</translation>
    </message>
    <message>
        <source>Delete segment</source>
        <translation>删除分群</translation>
    </message>
</context>
<context>
    <name>SegmentPage</name>
    <message>
        <source>Segment</source>
        <translation>分群</translation>
    </message>
    <message>
        <source>Find who to talk to: build rules, score customers by recency, frequency and spend (RFM), or let the app form groups of similar customers.</source>
        <translation>找出该联系谁：用规则筛选、按最近购买、购买频次和消费金额 (RFM) 打分，或让程序自动把相似客户分组。</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>RFM</source>
        <translation>RFM</translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation>自动分组</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Year, month, day (2024/03/05)</source>
        <translation>年、月、日（2024/03/05）</translation>
    </message>
    <message>
        <source>Day, month, year (05/03/2024)</source>
        <translation>日、月、年（05/03/2024）</translation>
    </message>
    <message>
        <source>Month, day, year (03/05/2024)</source>
        <translation>月、日、年（03/05/2024）</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>These choices are remembered on this computer.</source>
        <translation>这些选择会保存在这台电脑上。</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Default phone &amp;region:</source>
        <translation>默认电话地区(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Date order:</source>
        <translation>日期顺序(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Font size:</source>
        <translation>字号(&amp;F)：</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <source>Phone numbers written without a country code are read as numbers of the default region. The date order decides how a date like 03/05/2024 is read; dates that start with the year are always read year first.</source>
        <translation>没有写国家/地区代码的电话号码，按默认地区的号码来识别。日期顺序决定 03/05/2024 这样的日期怎么读；以年份开头的日期总是按年在前来读。</translation>
    </message>
</context>
<context>
    <name>SheetView</name>
    <message>
        <source>Header row:</source>
        <translation>表头行：</translation>
    </message>
    <message>
        <source>The row that holds the column names. Rows above it are not imported.</source>
        <translation>包含列名的那一行。它上面的行不会导入。</translation>
    </message>
    <message>
        <source>About {rows} rows under the header. The highlighted row holds the column names; choose below each name what it contains.</source>
        <translation>表头下约有 {rows} 行。高亮的一行是列名；请在每个列名上方选择该列的内容。</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>导入为</translation>
    </message>
</context>
<context>
    <name>SurvivorshipTable</name>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>The merged customer keeps</source>
        <translation>合并后保留</translation>
    </message>
</context>
<context>
    <name>TaskProgress</name>
    <message>
        <source>Almost done</source>
        <translation>马上就好</translation>
    </message>
    <message>
        <source>About {n} s left</source>
        <translation>大约还需 {n} 秒</translation>
    </message>
    <message>
        <source>About {n} min left</source>
        <translation>大约还需 {n} 分钟</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>Welcome to SmallData Studio</source>
        <translation>欢迎使用小数据工作室</translation>
    </message>
    <message>
        <source>Turn messy customer spreadsheets into clean, deduplicated mailing lists in six steps. Every step can be undone.</source>
        <translation>六个步骤，把杂乱的客户表格变成干净、去重的营销名单。每一步都可以撤销。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Import&lt;/b&gt; your Excel or CSV files</source>
        <translation>&lt;b&gt;导入&lt;/b&gt;：您的 Excel 或 CSV 文件</translation>
    </message>
    <message>
        <source>&lt;b&gt;Check&lt;/b&gt; how complete and valid the data is</source>
        <translation>&lt;b&gt;检查&lt;/b&gt;：数据是否完整、有效</translation>
    </message>
    <message>
        <source>&lt;b&gt;Clean&lt;/b&gt; phones, e-mails, names and cities</source>
        <translation>&lt;b&gt;清洗&lt;/b&gt;：手机号、邮箱、姓名和城市</translation>
    </message>
    <message>
        <source>&lt;b&gt;Deduplicate&lt;/b&gt; the same customer found in several rows</source>
        <translation>&lt;b&gt;去重&lt;/b&gt;：合并多行里的同一位客户</translation>
    </message>
    <message>
        <source>&lt;b&gt;Segment&lt;/b&gt; customers by rules, RFM or automatic groups</source>
        <translation>&lt;b&gt;分群&lt;/b&gt;：按规则、RFM 或自动分组</translation>
    </message>
    <message>
        <source>&lt;b&gt;Export&lt;/b&gt; mailing lists that respect consent</source>
        <translation>&lt;b&gt;导出&lt;/b&gt;：尊重营销同意的发送名单</translation>
    </message>
    <message>
        <source>Everything stays on this computer; nothing is uploaded.</source>
        <translation>所有数据都留在这台电脑上，不会上传。</translation>
    </message>
    <message>
        <source>Try the &amp;sample data</source>
        <translation>试用示例数据(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Open my own file…</source>
        <translation>打开我自己的文件(&amp;O)…</translation>
    </message>
    <message>
        <source>S&amp;kip</source>
        <translation>跳过(&amp;K)</translation>
    </message>
</context>
<context>
    <name>cleaning</name>
    <message>
        <source>{field}: {percent}% empty</source>
        <translation>{field}：{percent}% 为空</translation>
    </message>
    <message>
        <source>{field}: {percent}% not in a usable form</source>
        <translation>{field}：{percent}% 的值无法使用</translation>
    </message>
    <message>
        <source>{field}: {count} fake or placeholder values</source>
        <translation>{field}：{count} 个虚假或占位值</translation>
    </message>
    <message>
        <source>{field}: {percent}% usable but not yet in the standard form</source>
        <translation>{field}：{percent}% 可用但尚未规范格式</translation>
    </message>
    <message>
        <source>Tidy spaces, line breaks and full-width characters</source>
        <translation>整理空格、换行和全角字符</translation>
    </message>
    <message>
        <source>Tidy names (spacing, capitals, &apos;Last, First&apos;)</source>
        <translation>整理姓名（空格、大小写、“姓, 名”顺序）</translation>
    </message>
    <message>
        <source>Move titles (先生/女士/Mr./Ms.) to salutation</source>
        <translation>将称谓（先生/女士/Mr./Ms.）移到称呼字段</translation>
    </message>
    <message>
        <source>Write phone numbers in international form</source>
        <translation>手机号统一为国际格式</translation>
    </message>
    <message>
        <source>Split several phone numbers in one cell</source>
        <translation>拆分同一单元格中的多个电话号码</translation>
    </message>
    <message>
        <source>Phone numbers found in notes</source>
        <translation>在备注中发现的电话号码</translation>
    </message>
    <message>
        <source>Tidy e-mail addresses (spaces, capitals, mailto:)</source>
        <translation>整理邮箱地址（空格、大小写、mailto:）</translation>
    </message>
    <message>
        <source>Repair mistyped e-mail domains</source>
        <translation>修正拼错的邮箱域名</translation>
    </message>
    <message>
        <source>Split several e-mail addresses in one cell</source>
        <translation>拆分同一单元格中的多个邮箱地址</translation>
    </message>
    <message>
        <source>Use one name for each company</source>
        <translation>每家公司统一使用一个名称</translation>
    </message>
    <message>
        <source>Use standard city names</source>
        <translation>使用标准城市名称</translation>
    </message>
    <message>
        <source>Use full province names</source>
        <translation>使用完整的省份名称</translation>
    </message>
    <message>
        <source>Fill in the province from the city</source>
        <translation>根据城市补全省份</translation>
    </message>
    <message>
        <source>Fill province, city and district from the address</source>
        <translation>根据地址补全省份、城市和区县</translation>
    </message>
    <message>
        <source>Use standard industry labels</source>
        <translation>使用标准行业名称</translation>
    </message>
    <message>
        <source>Read employee counts and bands</source>
        <translation>识别员工人数和规模区间</translation>
    </message>
    <message>
        <source>Read dates as year-month-day</source>
        <translation>将日期识别为年-月-日</translation>
    </message>
    <message>
        <source>Read counts as numbers</source>
        <translation>将次数识别为数字</translation>
    </message>
    <message>
        <source>Read amounts as numbers (¥, 元, RMB, 万)</source>
        <translation>将金额识别为数字（¥、元、RMB、万）</translation>
    </message>
    <message>
        <source>Read marketing consent as yes/no</source>
        <translation>将营销同意识别为是/否</translation>
    </message>
    <message>
        <source>Blank fake and placeholder values</source>
        <translation>清空虚假和占位值</translation>
    </message>
    <message>
        <source>Blank values that cannot be valid</source>
        <translation>清空不可能有效的值</translation>
    </message>
    <message>
        <source>Flag phones and e-mails shared by many different names</source>
        <translation>标记被多个不同姓名共用的电话和邮箱</translation>
    </message>
    <message>
        <source>Flag fake and placeholder values (keep them)</source>
        <translation>标记假值和占位值（保留原值）</translation>
    </message>
    <message>
        <source>Exclude customers with fake or placeholder values</source>
        <translation>排除含假值或占位值的客户</translation>
    </message>
    <message>
        <source>Add phone numbers found in notes as alternate phones</source>
        <translation>将备注中找到的电话添加为备用电话</translation>
    </message>
</context>
<context>
    <name>dedup</name>
    <message>
        <source>different</source>
        <translation>不同</translation>
    </message>
    <message>
        <source>somewhat similar</source>
        <translation>有些相似</translation>
    </message>
    <message>
        <source>very similar</source>
        <translation>非常相似</translation>
    </message>
    <message>
        <source>same in pinyin</source>
        <translation>拼音相同</translation>
    </message>
    <message>
        <source>identical</source>
        <translation>完全相同</translation>
    </message>
    <message>
        <source>nearly identical</source>
        <translation>几乎相同</translation>
    </message>
    <message>
        <source>one character apart</source>
        <translation>相差一个字符</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>邮编</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>strong evidence of the same person</source>
        <translation>很可能是同一人</translation>
    </message>
    <message>
        <source>some evidence of the same person</source>
        <translation>可能是同一人</translation>
    </message>
    <message>
        <source>counts little</source>
        <translation>影响很小</translation>
    </message>
    <message>
        <source>some evidence of different people</source>
        <translation>可能是不同的人</translation>
    </message>
    <message>
        <source>strong evidence of different people</source>
        <translation>很可能是不同的人</translation>
    </message>
    <message>
        <source>a common value, so it counts less</source>
        <translation>这是常见值，因此权重较低</translation>
    </message>
    <message>
        <source>{field}: {level} ({strength})</source>
        <translation>{field}：{level}（{strength}）</translation>
    </message>
    <message>
        <source>From the most recent record</source>
        <translation>取自最新的记录</translation>
    </message>
    <message>
        <source>From the most complete record</source>
        <translation>取自最完整的记录</translation>
    </message>
    <message>
        <source>Most frequent value</source>
        <translation>出现最多的值</translation>
    </message>
    <message>
        <source>Longest value</source>
        <translation>最长的值</translation>
    </message>
    <message>
        <source>Sum over the records</source>
        <translation>各记录相加</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Something went wrong.</source>
        <translation>出了点问题。</translation>
    </message>
    <message>
        <source>{file}: the file could not be read.</source>
        <translation>{file}：无法读取该文件。</translation>
    </message>
    <message>
        <source>The workspace {path} cannot be opened.</source>
        <translation>无法打开工作区 {path}。</translation>
    </message>
    <message>
        <source>{file}: no email address or phone number was found in the file.</source>
        <translation>{file}：文件中没有找到邮箱地址或电话号码。</translation>
    </message>
    <message>
        <source>{file}: no data found.</source>
        <translation>{file}：没有找到数据。</translation>
    </message>
    <message>
        <source>{file}: no table with a header row was found ({details}).</source>
        <translation>{file}：没有找到带表头行的表格（{details}）。</translation>
    </message>
    <message>
        <source>{file} has no sheet named &apos;{sheet}&apos; (its sheets are: {sheets}).</source>
        <translation>{file} 中没有名为“{sheet}”的工作表（现有工作表：{sheets}）。</translation>
    </message>
    <message>
        <source>{file}, sheet {sheet}: row {row} is empty, so it cannot be the header row.</source>
        <translation>{file}，工作表 {sheet}：第 {row} 行是空行，不能作为表头行。</translation>
    </message>
    <message>
        <source>{file} could not be read; it may be damaged or in a form this app cannot read ({detail}).</source>
        <translation>无法读取 {file}；文件可能已损坏，或是本软件无法读取的格式（{detail}）。</translation>
    </message>
    <message>
        <source>{file}, sheet {sheet}: reading stopped after row {row}; the file may be damaged ({detail}).</source>
        <translation>{file}，工作表 {sheet}：读取在第 {row} 行后中断；文件可能已损坏（{detail}）。</translation>
    </message>
    <message>
        <source>{file} is password-protected. Remove the password in Excel (File &gt; Info &gt; Protect Workbook &gt; Encrypt with Password, clear it) or save a copy without a password, then import that copy.</source>
        <translation>{file} 受密码保护。请在 Excel 中取消密码（文件 &gt; 信息 &gt; 保护工作簿 &gt; 用密码进行加密，清空密码），或另存一份不带密码的副本，然后导入该副本。</translation>
    </message>
    <message>
        <source>{file} is damaged or incomplete (it may have been cut off while copying or downloading); open it in Excel and save it again, or get a fresh copy.</source>
        <translation>{file} 已损坏或不完整（可能在复制或下载时被截断）；请用 Excel 打开后重新保存，或重新获取一份。</translation>
    </message>
    <message>
        <source>{file} was refused: it is {size} on disk but would unpack to {unpacked}, which is not a normal spreadsheet and could exhaust memory.</source>
        <translation>已拒绝 {file}：它在磁盘上只有 {size}，解压后却达 {unpacked}，这不是正常的电子表格，可能耗尽内存。</translation>
    </message>
    <message>
        <source>{file} is not a spreadsheet or text table that can be imported ({what}).</source>
        <translation>{file} 不是可导入的电子表格或文本表格（{what}）。</translation>
    </message>
    <message>
        <source>{file}: no data found (the file is empty).</source>
        <translation>{file}：没有找到数据（文件为空）。</translation>
    </message>
    <message>
        <source>{file} could not be opened: {reason}.</source>
        <translation>无法打开 {file}：{reason}。</translation>
    </message>
    <message>
        <source>Choose at least one feature to cluster on.</source>
        <translation>请至少选择一个用于分群的特征。</translation>
    </message>
    <message>
        <source>There is no field called {field}.</source>
        <translation>没有名为 {field} 的字段。</translation>
    </message>
    <message>
        <source>Too few customers to form groups ({count}).</source>
        <translation>客户太少，无法分群（{count}）。</translation>
    </message>
    <message>
        <source>The purchase sheet has no customer phone, e-mail or name column.</source>
        <translation>购买记录表中没有客户手机、邮箱或姓名列。</translation>
    </message>
    <message>
        <source>The purchase sheet needs an order date and an amount column.</source>
        <translation>购买记录表需要有下单日期列和金额列。</translation>
    </message>
    <message>
        <source>Rule: {problem} at position {position} (near “{near}”).</source>
        <translation>规则：第 {position} 个字符处{problem}（在“{near}”附近）。</translation>
    </message>
    <message>
        <source>A rule group joins with AND or OR, not {op}.</source>
        <translation>规则组只能用 AND 或 OR 连接，不能用 {op}。</translation>
    </message>
    <message>
        <source>Unknown rule operator {op}.</source>
        <translation>未知的规则运算符 {op}。</translation>
    </message>
    <message>
        <source>“within” needs a number of days, not {value}.</source>
        <translation>“最近 N 天内”需要天数，而不是 {value}。</translation>
    </message>
    <message>
        <source>“between” needs two values.</source>
        <translation>“介于”需要两个值。</translation>
    </message>
    <message>
        <source>{field}: {value} is not a number or a date.</source>
        <translation>{field}：{value} 不是数字或日期。</translation>
    </message>
    <message>
        <source>The workspace {path} is open in another SmallData Studio window or command. Close it there first, or open a different workspace.</source>
        <translation>工作区 {path} 已在另一个小数据工作室窗口或命令中打开。请先在那里关闭它，或打开其他工作区。</translation>
    </message>
    <message>
        <source>The workspace {path} cannot be written (the folder is read-only or the disk is full). Nothing was changed. Choose a folder you can write to.</source>
        <translation>无法写入工作区 {path}（文件夹为只读或磁盘已满）。未做任何更改。请选择一个可以写入的文件夹。</translation>
    </message>
    <message>
        <source>The disk holding the workspace {path} is full. The step was stopped and nothing was changed. Free some space and try again.</source>
        <translation>工作区 {path} 所在的磁盘已满。这一步已停止，没有做任何更改。请腾出一些空间后再试。</translation>
    </message>
    <message>
        <source>The workspace {path} does not exist.</source>
        <translation>工作区 {path} 不存在。</translation>
    </message>
    <message>
        <source>{path} is not a SmallData Studio workspace (it is not a SQLite database).</source>
        <translation>{path} 不是小数据工作室的工作区（不是 SQLite 数据库）。</translation>
    </message>
    <message>
        <source>“{summary}” cannot be undone on its own: later steps changed the same customers ({later}). Undo those first.</source>
        <translation>无法单独撤销“{summary}”：之后的步骤修改了相同的客户（{later}）。请先撤销这些步骤。</translation>
    </message>
    <message>
        <source>There is nothing to undo.</source>
        <translation>没有可撤销的操作。</translation>
    </message>
    <message>
        <source>“{summary}” has already been undone.</source>
        <translation>“{summary}”已经撤销过了。</translation>
    </message>
    <message>
        <source>There is no step number {op_id} in the history.</source>
        <translation>历史记录中没有第 {op_id} 步。</translation>
    </message>
    <message>
        <source>“{summary}” cannot be undone.</source>
        <translation>“{summary}”无法撤销。</translation>
    </message>
    <message>
        <source>No workspace is open. Open or create one first.</source>
        <translation>尚未打开工作区。请先打开或新建一个。</translation>
    </message>
    <message>
        <source>A safety copy of the workspace could not be written to {folder} ({reason}). The step was not started and nothing was changed. Free some disk space or move the workspace to a folder you can write to.</source>
        <translation>无法把工作区的安全备份写入 {folder}（{reason}）。这一步没有开始，也没有做任何更改。请腾出一些磁盘空间，或把工作区移到一个可以写入的文件夹。</translation>
    </message>
    <message>
        <source>{file} cannot be restored: it is not a complete SmallData Studio workspace backup ({reason}). The workspace was not changed.</source>
        <translation>无法用 {file} 恢复：它不是完整的小数据工作室工作区备份（{reason}）。工作区没有被更改。</translation>
    </message>
    <message>
        <source>There are no backups of {path} yet.</source>
        <translation>{path} 目前还没有任何备份。</translation>
    </message>
    <message>
        <source>There is not enough free disk space for a safety copy of the workspace in {folder} (about {need} MB needed, {free} MB free). The step was not started and nothing was changed. Free some disk space or move the workspace to a larger disk.</source>
        <translation>{folder} 所在磁盘的剩余空间不足，无法为工作区创建安全备份（大约需要 {need} MB，剩余 {free} MB）。这一步没有开始，也没有做任何更改。请腾出一些磁盘空间，或把工作区移到空间更大的磁盘上。</translation>
    </message>
    <message>
        <source>Import the customer list first: purchase lines are linked to customers.</source>
        <translation>请先导入客户名单：购买记录需要关联到客户。</translation>
    </message>
    <message>
        <source>{file}: no sheet has an order date and an amount column.</source>
        <translation>{file}：没有哪个工作表同时包含下单日期和金额列。</translation>
    </message>
    <message>
        <source>There is already a segment called {name}; choose another name.</source>
        <translation>已有名为 {name} 的分群，请换一个名称。</translation>
    </message>
    <message>
        <source>There are no customers yet.</source>
        <translation>还没有客户。</translation>
    </message>
    <message>
        <source>k must be between {low} and {high}.</source>
        <translation>k 必须在 {low} 到 {high} 之间。</translation>
    </message>
    <message>
        <source>There is no segment called {name}.</source>
        <translation>没有名为 {name} 的分群。</translation>
    </message>
    <message>
        <source>There is no group {cluster} in {name}.</source>
        <translation>{name} 中没有第 {cluster} 组。</translation>
    </message>
    <message>
        <source>Give the segment a name.</source>
        <translation>请为分群命名。</translation>
    </message>
    <message>
        <source>No customers are selected.</source>
        <translation>没有选中任何客户。</translation>
    </message>
    <message>
        <source>There is no customer {id}.</source>
        <translation>没有编号为 {id} 的客户。</translation>
    </message>
    <message>
        <source>Type a tag.</source>
        <translation>请输入标签。</translation>
    </message>
    <message>
        <source>The lifecycle stage must be one of {stages}.</source>
        <translation>生命周期阶段必须是以下之一：{stages}。</translation>
    </message>
    <message>
        <source>There is no customer number {id}.</source>
        <translation>没有编号为 {id} 的客户。</translation>
    </message>
    <message>
        <source>There is nothing to redo.</source>
        <translation>没有可以重做的步骤。</translation>
    </message>
    <message>
        <source>Step {op_id} is not undone, so there is nothing to redo.</source>
        <translation>第 {op_id} 步没有被撤销，所以无需重做。</translation>
    </message>
    <message>
        <source>There is no saved recipe called “{name}”.</source>
        <translation>没有名为“{name}”的已保存清洗方案。</translation>
    </message>
    <message>
        <source>Unknown cleaning rule(s): {rules}. Known rules: {known}.</source>
        <translation>未知的清洗规则：{rules}。可用的规则：{known}。</translation>
    </message>
    <message>
        <source>No customer has the tag {tag}.</source>
        <translation>没有客户带有标签 {tag}。</translation>
    </message>
    <message>
        <source>Unknown export format {format}; choose one of {formats}.</source>
        <translation>未知的导出格式 {format}；请从以下格式中选择：{formats}。</translation>
    </message>
    <message>
        <source>No customer matches {what}.</source>
        <translation>没有客户与 {what} 匹配。</translation>
    </message>
    <message>
        <source>{count} customers match {what}; erase them one at a time by --customer ID ({ids}).</source>
        <translation>有 {count} 位客户与 {what} 匹配；请用 --customer 编号逐个删除（{ids}）。</translation>
    </message>
    <message>
        <source>Customer {customer} is not the result of a merge.</source>
        <translation>客户 {customer} 不是合并产生的。</translation>
    </message>
    <message>
        <source>Customer {customer} was merged again later (into customer {into}); unmerge {into} first.</source>
        <translation>客户 {customer} 之后又被合并进了客户 {into}；请先撤销 {into} 的合并。</translation>
    </message>
    <message>
        <source>A merge needs at least two active customers.</source>
        <translation>合并至少需要两位现有客户。</translation>
    </message>
    <message>
        <source>{path}: the review file could not be read ({why}).</source>
        <translation>{path}：无法读取核对文件（{why}）。</translation>
    </message>
    <message>
        <source>The workspace {path} was made by a newer SmallData Studio (workspace version {found}; this app reads up to version {supported}). Update the app to open it; the file was not changed.</source>
        <translation>工作区 {path} 由更新版本的小数据工作室创建（工作区版本 {found}；本软件最高支持版本 {supported}）。请升级软件后再打开；文件未被更改。</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>{count} cell(s) hold characters {encoding} cannot store; they were written as &apos;?&apos;.</source>
        <translation>{count} 个单元格包含 {encoding} 无法保存的字符，已写为“?”。</translation>
    </message>
    <message>
        <source>No marketing consent</source>
        <translation>未同意营销</translation>
    </message>
    <message>
        <source>Consent unknown</source>
        <translation>营销同意情况未知</translation>
    </message>
    <message>
        <source>On the suppression list</source>
        <translation>在屏蔽名单中</translation>
    </message>
    <message>
        <source>Matches an erased person</source>
        <translation>与已删除的个人匹配</translation>
    </message>
    <message>
        <source>No valid email</source>
        <translation>没有有效邮箱</translation>
    </message>
    <message>
        <source>No valid mobile number</source>
        <translation>没有有效手机号</translation>
    </message>
    <message>
        <source>No postal address</source>
        <translation>没有邮寄地址</translation>
    </message>
    <message>
        <source>Fake or placeholder value</source>
        <translation>虚假或占位值</translation>
    </message>
    <message>
        <source>Neither a valid email nor a mobile number</source>
        <translation>既没有有效邮箱也没有手机号</translation>
    </message>
    <message>
        <source>Same email as an earlier row</source>
        <translation>邮箱与前面的某行相同</translation>
    </message>
    <message>
        <source>Email the platform does not accept (non-Latin letters before @)</source>
        <translation>平台不接受的邮箱（@ 前含非拉丁字母）</translation>
    </message>
    <message>
        <source>{count} people who refused marketing were included on request.</source>
        <translation>应您的要求，包含了 {count} 位拒绝营销的人。</translation>
    </message>
    <message>
        <source>{count} people whose consent is unknown were included.</source>
        <translation>包含了 {count} 位营销同意情况未知的人。</translation>
    </message>
    <message>
        <source>Unsubscribed</source>
        <translation>已退订</translation>
    </message>
    <message>
        <source>Bounced</source>
        <translation>已退信</translation>
    </message>
    <message>
        <source>Complained (spam report)</source>
        <translation>已投诉（举报为垃圾邮件）</translation>
    </message>
    <message>
        <source>Erased on request</source>
        <translation>应要求已删除</translation>
    </message>
    <message>
        <source>{count} cell(s) longer than Excel&apos;s 32,767 characters were cut short.</source>
        <translation>{count} 个单元格超过 Excel 的 32,767 字符上限，已被截断。</translation>
    </message>
    <message>
        <source>{count} cell(s) held control characters Excel cannot store; they were removed.</source>
        <translation>{count} 个单元格包含 Excel 无法保存的控制字符，已将其删除。</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>员工人数</translation>
    </message>
    <message>
        <source>First purchase</source>
        <translation>首次购买日期</translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation>最近购买日期</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>购买次数</translation>
    </message>
    <message>
        <source>Total spent</source>
        <translation>消费金额</translation>
    </message>
    <message>
        <source>Marketing consent</source>
        <translation>是否同意营销</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Days since last purchase</source>
        <translation>最近购买天数</translation>
    </message>
    <message>
        <source>Purchase frequency</source>
        <translation>购买频次</translation>
    </message>
    <message>
        <source>Spend (RFM)</source>
        <translation>消费总额</translation>
    </message>
    <message>
        <source>RFM score</source>
        <translation>RFM评分</translation>
    </message>
    <message>
        <source>RFM segment</source>
        <translation>RFM分群</translation>
    </message>
    <message>
        <source>RFM class</source>
        <translation>RFM客户类型</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Persona</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Lead score</source>
        <translation>线索评分</translation>
    </message>
    <message>
        <source>Customer ID</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <source>Lifecycle stage</source>
        <translation>生命周期阶段</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>决策权</translation>
    </message>
    <message>
        <source>Need</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间表</translation>
    </message>
    <message>
        <source>Salutation</source>
        <translation>称呼</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Keep as extra field</source>
        <translation>保留为附加字段</translation>
    </message>
    <message>
        <source>Don&apos;t import</source>
        <translation>不导入</translation>
    </message>
</context>
<context>
    <name>history</name>
    <message>
        <source>Undo: {step}</source>
        <translation>撤销：{step}</translation>
    </message>
    <message>
        <source>Redo: {step}</source>
        <translation>重做：{step}</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Purchase lines</source>
        <translation>购买记录</translation>
    </message>
    <message>
        <source>Clean</source>
        <translation>清洗</translation>
    </message>
    <message>
        <source>Deduplicate</source>
        <translation>去重</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>拆分</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>分群</translation>
    </message>
    <message>
        <source>RFM</source>
        <translation>RFM</translation>
    </message>
    <message>
        <source>Personas</source>
        <translation>客户画像</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>人工确认</translation>
    </message>
    <message>
        <source>Delete segment</source>
        <translation>删除分群</translation>
    </message>
    <message>
        <source>Rename persona</source>
        <translation>重命名画像</translation>
    </message>
    <message>
        <source>Remove tag</source>
        <translation>移除标签</translation>
    </message>
    <message>
        <source>Suppression list</source>
        <translation>屏蔽名单</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>彻底删除</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>&apos;{text}&apos;</source>
        <translation>“{text}”</translation>
    </message>
    <message>
        <source>Merged {groups} groups of duplicates ({customers} customers)</source>
        <translation>合并了 {groups} 组重复客户（共 {customers} 位）</translation>
    </message>
    <message>
        <source>Merged customers {ids}</source>
        <translation>合并了客户 {ids}</translation>
    </message>
    <message>
        <source>Unmerged {name} back into {n} customers</source>
        <translation>把 {name} 拆回为 {n} 位客户</translation>
    </message>
    <message>
        <source>Recorded {n} review answers</source>
        <translation>记录了 {n} 条核对结果</translation>
    </message>
    <message>
        <source>Erase a person on request: {n} customer record(s) removed</source>
        <translation>应本人要求删除其数据：删除 {n} 条客户记录</translation>
    </message>
    <message>
        <source>Erase a person on request: {n} customer record(s) and {rows} source row(s) removed, {values} history value(s) scrubbed</source>
        <translation>应本人要求删除其数据：删除 {n} 条客户记录和 {rows} 行原始数据，清除 {values} 个历史值</translation>
    </message>
    <message>
        <source>{step}; {n} matched an erased person (flagged)</source>
        <translation>{step}；其中 {n} 位与已删除的人相符（已标记）</translation>
    </message>
    <message>
        <source>Import {file}</source>
        <translation>导入 {file}</translation>
    </message>
    <message>
        <source>Import {file}: {rows:,} rows</source>
        <translation>导入 {file}：{rows:,} 行</translation>
    </message>
    <message>
        <source>Clean: {cells:,} cells ({fields})</source>
        <translation>清洗：{cells:,} 个单元格（{fields}）</translation>
    </message>
    <message>
        <source>Clean: flags</source>
        <translation>清洗：标记</translation>
    </message>
    <message>
        <source>Clean: {n:,} phone numbers from notes added as alternates</source>
        <translation>清洗：从备注中找到 {n:,} 个电话号码，已添加为备用电话</translation>
    </message>
    <message>
        <source>Merge {n} spellings of {field} into {values}</source>
        <translation>把{field}的 {n} 种写法统一为 {values}</translation>
    </message>
    <message>
        <source>Merged {groups} groups of sure duplicates automatically</source>
        <translation>自动合并了 {groups} 组确定重复</translation>
    </message>
    <message>
        <source>Marked {a} and {b} as the same person</source>
        <translation>标记 {a} 和 {b} 为同一人</translation>
    </message>
    <message>
        <source>Marked {a} and {b} as different people</source>
        <translation>标记 {a} 和 {b} 为不同的人</translation>
    </message>
    <message>
        <source>Export {rows:,} customers to {file} ({format})</source>
        <translation>导出 {rows:,} 位客户到 {file}（{format}）</translation>
    </message>
    <message>
        <source>{step}; includes {n:,} who refused marketing (override)</source>
        <translation>{step}；其中包括 {n:,} 位拒绝营销的客户（手动放行）</translation>
    </message>
    <message>
        <source>Suppression list: add from {source}</source>
        <translation>屏蔽名单：从 {source} 添加</translation>
    </message>
    <message>
        <source>Suppression list: {added:,} added from {source} ({already:,} already on it)</source>
        <translation>屏蔽名单：从 {source} 添加 {added:,} 人（{already:,} 人已在名单上）</translation>
    </message>
    <message>
        <source>typed list</source>
        <translation>手动输入的名单</translation>
    </message>
    <message>
        <source>Mail merge</source>
        <translation>邮件合并</translation>
    </message>
    <message>
        <source>Address labels</source>
        <translation>地址标签</translation>
    </message>
    <message>
        <source>Purchase lines from {file}: {lines} lines, {linked} linked</source>
        <translation>从 {file} 导入购买记录：{lines} 行，关联到客户 {linked} 行</translation>
    </message>
    <message>
        <source>RFM as of {date}: {n} customers</source>
        <translation>RFM 分析（截至 {date}）：{n} 位客户</translation>
    </message>
    <message>
        <source>Personas: {k} groups over {features}</source>
        <translation>客户画像：按{features}分成 {k} 组</translation>
    </message>
    <message>
        <source>Persona “{old}” renamed to “{new}”</source>
        <translation>画像“{old}”改名为“{new}”</translation>
    </message>
    <message>
        <source>Segment “{name}”: {rule}</source>
        <translation>分群“{name}”：{rule}</translation>
    </message>
    <message>
        <source>Segment “{name}” deleted</source>
        <translation>删除分群“{name}”</translation>
    </message>
    <message>
        <source>Tag “{tag}” added to {n} customers</source>
        <translation>给 {n} 位客户加上标签“{tag}”</translation>
    </message>
    <message>
        <source>Tag “{tag}” removed</source>
        <translation>移除标签“{tag}”</translation>
    </message>
    <message>
        <source>Tag “{tag}” removed from {n} customers</source>
        <translation>从 {n} 位客户移除标签“{tag}”</translation>
    </message>
    <message>
        <source>Edited {fields} of {n} customers</source>
        <translation>修改了 {n} 位客户的{fields}</translation>
    </message>
</context>
<context>
    <name>import</name>
    <message>
        <source>the sheet is empty</source>
        <translation>工作表为空</translation>
    </message>
    <message>
        <source>no header row found in its first 30 rows</source>
        <translation>前 30 行中没有找到表头行</translation>
    </message>
    <message>
        <source>not a customer table (no name, phone, e-mail or company column)</source>
        <translation>不是客户表（没有姓名、手机、邮箱或公司列）</translation>
    </message>
    <message>
        <source>hidden sheet</source>
        <translation>隐藏的工作表</translation>
    </message>
    <message>
        <source>not a worksheet (chart or macro sheet)</source>
        <translation>不是普通工作表（图表或宏表）</translation>
    </message>
    <message>
        <source>{file} is named like an Excel workbook but holds plain text; it was read as a CSV table.</source>
        <translation>{file} 的文件名像 Excel 工作簿，但内容是纯文本；已按 CSV 表格读取。</translation>
    </message>
    <message>
        <source>{file}: no column was recognised as name, phone, e-mail or company; the table was read as it is. Set the column roles by hand.</source>
        <translation>{file}：没有识别出姓名、手机、邮箱或公司列；表格已按原样读取。请手动设置各列的用途。</translation>
    </message>
    <message>
        <source>{file}: no column was recognised as name, phone, e-mail or company; the tables were read as they are. Set the column roles by hand.</source>
        <translation>{file}：没有识别出姓名、手机、邮箱或公司列；各表格已按原样读取。请手动设置各列的用途。</translation>
    </message>
    <message>
        <source>Sheet {sheet}: column {columns} holds formulas without saved results ({cells} cells), which read as empty. Open the file in Excel or WPS, save it, and import it again to get their values.</source>
        <translation>工作表 {sheet}：{columns} 列中有公式没有保存计算结果（{cells} 个单元格），读出来是空的。请用 Excel 或 WPS 打开文件并保存，再重新导入，即可得到这些值。</translation>
    </message>
    <message>
        <source>Sheet {sheet}: some cells hold formulas without saved results ({cells} cells), which read as empty. Open the file in Excel or WPS, save it, and import it again to get their values.</source>
        <translation>工作表 {sheet}：有些单元格的公式没有保存计算结果（{cells} 个单元格），读出来是空的。请用 Excel 或 WPS 打开文件并保存，再重新导入，即可得到这些值。</translation>
    </message>
    <message>
        <source>Sheet {sheet}: {rows} rows have cells left of the table&apos;s first column; those cells were not imported.</source>
        <translation>工作表 {sheet}：有 {rows} 行在表格第一列左边还有内容；这些单元格没有导入。</translation>
    </message>
    <message>
        <source>Sheet {sheet}: {rows} rows have cells to the right of the table&apos;s columns; those cells were not imported.</source>
        <translation>工作表 {sheet}：有 {rows} 行在表格各列右边还有内容；这些单元格没有导入。</translation>
    </message>
    <message>
        <source>{lines} lines have more fields than the header; the extra fields were not imported.</source>
        <translation>有 {lines} 行的字段比表头多；多出的字段没有导入。</translation>
    </message>
    <message>
        <source>totals row</source>
        <translation>合计行</translation>
    </message>
    <message>
        <source>repeats the header row</source>
        <translation>重复的表头行</translation>
    </message>
    <message>
        <source>Repeated column names {names}: every copy was kept, the later ones numbered (e.g. &apos;{example} (2)&apos;).</source>
        <translation>列名重复：{names}。每一列都已保留，后面的加了编号（例如“{example} (2)”）。</translation>
    </message>
    <message>
        <source>{count:,} columns have a header but no data below it; they were left out.</source>
        <translation>有 {count:,} 列只有列名、下面没有数据；这些列没有导入。</translation>
    </message>
    <message>
        <source>Mapping for column &apos;{column}&apos; names an unknown role &apos;{role}&apos;; it was kept as an extra field.</source>
        <translation>映射文件为“{column}”列指定了未知的用途“{role}”；该列已作为附加字段保留。</translation>
    </message>
    <message>
        <source>Mapping names a column &apos;{column}&apos; that this sheet does not have.</source>
        <translation>映射文件提到的“{column}”列在这个工作表中不存在。</translation>
    </message>
</context>
<context>
    <name>personas</name>
    <message>
        <source>high spending</source>
        <translation>高消费</translation>
    </message>
    <message>
        <source>low spending</source>
        <translation>低消费</translation>
    </message>
    <message>
        <source>long inactive</source>
        <translation>长期未活跃</translation>
    </message>
    <message>
        <source>recently active</source>
        <translation>近期活跃</translation>
    </message>
    <message>
        <source>frequent buyers</source>
        <translation>经常购买</translation>
    </message>
    <message>
        <source>few orders</source>
        <translation>订单较少</translation>
    </message>
    <message>
        <source>large companies</source>
        <translation>大型企业</translation>
    </message>
    <message>
        <source>small businesses</source>
        <translation>小微企业</translation>
    </message>
    <message>
        <source>hot leads</source>
        <translation>热线索</translation>
    </message>
    <message>
        <source>cold leads</source>
        <translation>冷线索</translation>
    </message>
</context>
<context>
    <name>regions</name>
    <message>
        <source>Mainland China</source>
        <translation>中国大陆</translation>
    </message>
    <message>
        <source>Hong Kong</source>
        <translation>中国香港</translation>
    </message>
    <message>
        <source>Macao</source>
        <translation>中国澳门</translation>
    </message>
    <message>
        <source>Taiwan</source>
        <translation>中国台湾</translation>
    </message>
    <message>
        <source>Singapore</source>
        <translation>新加坡</translation>
    </message>
    <message>
        <source>Malaysia</source>
        <translation>马来西亚</translation>
    </message>
    <message>
        <source>Japan</source>
        <translation>日本</translation>
    </message>
    <message>
        <source>South Korea</source>
        <translation>韩国</translation>
    </message>
    <message>
        <source>United States / Canada</source>
        <translation>美国 / 加拿大</translation>
    </message>
    <message>
        <source>United Kingdom</source>
        <translation>英国</translation>
    </message>
    <message>
        <source>Australia</source>
        <translation>澳大利亚</translation>
    </message>
    <message>
        <source>Germany</source>
        <translation>德国</translation>
    </message>
    <message>
        <source>France</source>
        <translation>法国</translation>
    </message>
</context>
<context>
    <name>rules</name>
    <message>
        <source>equals</source>
        <translation>等于</translation>
    </message>
    <message>
        <source>does not equal</source>
        <translation>不等于</translation>
    </message>
    <message>
        <source>greater than</source>
        <translation>大于</translation>
    </message>
    <message>
        <source>at least</source>
        <translation>至少</translation>
    </message>
    <message>
        <source>less than</source>
        <translation>小于</translation>
    </message>
    <message>
        <source>at most</source>
        <translation>至多</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>does not contain</source>
        <translation>不包含</translation>
    </message>
    <message>
        <source>is one of</source>
        <translation>属于其中之一</translation>
    </message>
    <message>
        <source>is between</source>
        <translation>介于</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>is not empty</source>
        <translation>不为空</translation>
    </message>
    <message>
        <source>is within the last N days</source>
        <translation>在最近 N 天内</translation>
    </message>
    <message>
        <source>has tag</source>
        <translation>带有标签</translation>
    </message>
</context>
<context>
    <name>segments</name>
    <message>
        <source>Trying {k} groups</source>
        <translation>正在尝试分为 {k} 组</translation>
    </message>
    <message>
        <source>Awareness</source>
        <translation>认知</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>了解</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>购买</translation>
    </message>
    <message>
        <source>Loyalty</source>
        <translation>忠诚</translation>
    </message>
    <message>
        <source>Linked to a customer</source>
        <translation>已关联到客户</translation>
    </message>
    <message>
        <source>Repeats an earlier order number (counted once)</source>
        <translation>与之前的订单号重复（只计一次）</translation>
    </message>
    <message>
        <source>Phone/e-mail not in the customer list</source>
        <translation>手机/邮箱不在客户名单中</translation>
    </message>
    <message>
        <source>Only a fake or placeholder phone/e-mail</source>
        <translation>只有虚假或占位的手机/邮箱</translation>
    </message>
    <message>
        <source>No phone, e-mail or name on the line</source>
        <translation>该行没有手机、邮箱或姓名</translation>
    </message>
    <message>
        <source>Phone/e-mail shared by several customers</source>
        <translation>手机/邮箱被多位客户共用</translation>
    </message>
    <message>
        <source>Reading dates and amounts</source>
        <translation>正在识别日期和金额</translation>
    </message>
    <message>
        <source>Normalising phones and e-mails</source>
        <translation>正在规范手机和邮箱</translation>
    </message>
    <message>
        <source>Matching customers</source>
        <translation>正在匹配客户</translation>
    </message>
    <message>
        <source>Important value</source>
        <translation>重要价值客户</translation>
    </message>
    <message>
        <source>Important development</source>
        <translation>重要发展客户</translation>
    </message>
    <message>
        <source>Important retention</source>
        <translation>重要保持客户</translation>
    </message>
    <message>
        <source>Important win-back</source>
        <translation>重要挽留客户</translation>
    </message>
    <message>
        <source>General value</source>
        <translation>一般价值客户</translation>
    </message>
    <message>
        <source>General development</source>
        <translation>一般发展客户</translation>
    </message>
    <message>
        <source>General retention</source>
        <translation>一般保持客户</translation>
    </message>
    <message>
        <source>General win-back</source>
        <translation>一般挽留客户</translation>
    </message>
    <message>
        <source>Champions</source>
        <translation>冠军客户</translation>
    </message>
    <message>
        <source>Loyal</source>
        <translation>忠诚客户</translation>
    </message>
    <message>
        <source>Potential loyalist</source>
        <translation>潜在忠诚客户</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新客户</translation>
    </message>
    <message>
        <source>Promising</source>
        <translation>有潜力客户</translation>
    </message>
    <message>
        <source>Need attention</source>
        <translation>需要关注</translation>
    </message>
    <message>
        <source>About to sleep</source>
        <translation>即将沉睡</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>有流失风险</translation>
    </message>
    <message>
        <source>Cannot lose them</source>
        <translation>不能失去的客户</translation>
    </message>
    <message>
        <source>Hibernating</source>
        <translation>沉睡客户</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>已流失</translation>
    </message>
    <message>
        <source>No purchase yet</source>
        <translation>尚未购买</translation>
    </message>
    <message>
        <source>Recent, frequent, big spenders: look after them personally; offer VIP service and first access to new products.</source>
        <translation>近期买过、买得多、花得多：重点维护，提供专属服务和新品优先体验。</translation>
    </message>
    <message>
        <source>Recent big spenders who rarely buy: encourage repeat purchases with a membership plan or reorder offers.</source>
        <translation>近期买过、花得多但次数少：提高购买频次，推荐会员计划和复购优惠。</translation>
    </message>
    <message>
        <source>Frequent big spenders who have gone quiet: call them, find out why, and win back their attention.</source>
        <translation>买得多、花得多但很久没来：主动联系，了解原因，防止流失。</translation>
    </message>
    <message>
        <source>Big spenders who bought rarely and long ago: try to win them back soon with a strong return offer.</source>
        <translation>花得多但很久没来、次数少：尽快挽回，给出有吸引力的回归优惠。</translation>
    </message>
    <message>
        <source>Recent, frequent buyers who spend little: suggest higher-value products or bundles.</source>
        <translation>近期常买但花得少：推荐更高价值的产品或组合。</translation>
    </message>
    <message>
        <source>Recent buyers with few, small orders: welcome them and follow up after the first order.</source>
        <translation>新近客户、次数少花得少：做好新客欢迎和首单后跟进。</translation>
    </message>
    <message>
        <source>Frequent small spenders who have gone quiet: keep in touch with low-cost reminders.</source>
        <translation>买过多次但花得少、最近没来：用低成本的提醒保持联系。</translation>
    </message>
    <message>
        <source>Rare, small, long-ago buyers: low-cost mass messages only; not worth a big effort.</source>
        <translation>很久没来、次数少花得少：低成本群发即可，不必重点投入。</translation>
    </message>
    <message>
        <source>No purchase yet: nurture their interest and aim for a first order.</source>
        <translation>还没有购买记录：先培育兴趣，争取第一单。</translation>
    </message>
    <message>
        <source>Saving purchase lines</source>
        <translation>正在保存购买记录</translation>
    </message>
    <message>
        <source>Reading customers and purchases</source>
        <translation>正在读取客户和购买记录</translation>
    </message>
    <message>
        <source>Scoring recency, frequency and monetary value</source>
        <translation>正在计算最近购买、频次和金额评分</translation>
    </message>
    <message>
        <source>Saving the RFM classes</source>
        <translation>正在保存 RFM 分类</translation>
    </message>
    <message>
        <source>Preparing the features</source>
        <translation>正在准备特征</translation>
    </message>
</context>
<context>
    <name>steps</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Clean</source>
        <translation>清洗</translation>
    </message>
    <message>
        <source>Deduplicate</source>
        <translation>去重</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>分群</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>History</source>
        <translation>操作历史</translation>
    </message>
</context>
</TS>
