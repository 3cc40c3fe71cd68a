//! Chinese words for the command line's own errors: files that cannot be read or written, and
//! flags that name something that is not there. Every key here exists in `en/cli.rs` too (a
//! test checks).

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    ("cli.read", "无法读取 '{path}'：{error}"),
    (
        "cli.read.stdin_twice",
        "'-' 表示标准输入，但它已被另一个输入读过，不能再用于第二个输入：请为其中一个改用文件",
    ),
    (
        "cli.read.too_large",
        "无法读取 '{path}'：文件大于 {limit}，超出 hostfit 单个文件的读取上限",
    ),
    (
        "cli.read.not_regular",
        "无法读取 '{path}'：它是{kind}，不是普通文件",
    ),
    (
        "cli.read.not_utf8",
        "不是 UTF-8 文本：此处的字节 '{byte}' 不构成字符",
    ),
    (
        "cli.read.not_utf8_end",
        "不是 UTF-8 文本：文件在一个字符的中间结束",
    ),
    ("cli.kind.directory", "目录"),
    ("cli.kind.fifo", "FIFO（命名管道）"),
    ("cli.kind.socket", "套接字"),
    ("cli.kind.char_device", "字符设备"),
    ("cli.kind.block_device", "块设备"),
    ("cli.kind.other", "特殊文件"),
    ("cli.write", "无法写入 '{path}'：{error}"),
    ("cli.write.stdout", "无法写入标准输出：{error}"),
    (
        "cli.write.stdout_closed",
        "无法写入标准输出：标准输出已关闭",
    ),
    (
        "cli.output.kind",
        "'--output {path}' 是{kind}：请指定普通文件、FIFO 或字符设备",
    ),
    (
        "cli.output.dangling",
        "'--output {path}' 是指向 '{target}' 的符号链接，而该目标不存在",
    ),
    ("cli.output.no_name", "'--output {path}' 不是文件名"),
    (
        "cli.output.changed",
        "'--output {path}' 在 hostfit 打开时发生了变化：未写入任何内容",
    ),
    (
        "cli.output.is_input",
        "'--output {path}' 就是输入文件 '{input}'：hostfit 不会覆盖输入，请换一个文件",
    ),
    (
        "cli.output.in_input",
        "'--output {path}' 位于输入目录 '{input}' 之内：hostfit 不会写入输入，请换一个文件",
    ),
    (
        "cli.output.planted_link",
        "'--output {path}' 是其他用户（uid {owner}）在他人可写目录中的符号链接：hostfit 不会跟随它，请换一个文件",
    ),
    (
        "cli.output.owner",
        "无法写入 '{path}'：新文件无法沿用原文件的属主和属组：{error}",
    ),
    (
        "cli.catalog.unknown",
        "未知的目录 '{spec}'：内置目录有 {names}，也没有文件 '{path}'",
    ),
    (
        "cli.catalog.unknown_close",
        "未知的目录 '{spec}'：内置目录有 {names}，也没有文件 '{path}'；是不是要用 '{close}'？",
    ),
    (
        "cli.catalog.format",
        "无法判断目录 '{path}' 的格式：文件名应以 .yaml、.yml、.json 或 .csv 结尾",
    ),
    ("cli.catalog.no_builtin", "没有内置目录 '{name}'"),
    (
        "cli.catalog.import_invalid",
        "从 '{path}' 导入的目录无效：{problem}",
    ),
    ("cli.scan.root", "'--root {root}' 不是目录"),
    ("cli.scan.flag_not_dir", "'{flag} {path}' 不是目录"),
    (
        "cli.scan.df_invalid",
        "'--df {path}'：{error}：需要 'df -P -B1' 或 'df --output=target,size,used,avail -B1' 的输出",
    ),
    ("cli.scan.failed", "无法扫描 '{root}'：{error}"),
    (
        "cli.connect.engine",
        "'--connect {engine}=...'：--connect 不支持该引擎，需要 postgresql、mysql 或 redis",
    ),
    (
        "cli.connect.shape",
        "'--connect' 需要 ENGINE=DSN 形式，例如 'postgresql=postgresql://postgres@127.0.0.1:5432/postgres'",
    ),
    (
        "cli.connect.password",
        "'--connect {engine}=...' 的 DSN 含有密码：请放在 {variable} 中，或放在由 {variable}_FILE 指定的文件中，不要写在命令行上",
    ),
    (
        "cli.connect.dsn",
        "'--connect {engine}=...' 不是 {engine} 的 DSN：需要 {expected}",
    ),
    ("cli.render.report", "无法生成报告：{error}"),
    ("cli.render.snapshot", "无法写出快照：{error}"),
    ("cli.render.listing", "无法写出目录列表：{error}"),
    (
        "cli.flag.bad_date",
        "'{flag} {value}' 不是日期：需要 YYYY-MM-DD 格式，例如 '2026-01-31'",
    ),
    (
        "cli.span.not_a_time",
        "应为数字加单位，例如 '500ms'、'5s'、'10m'、'2h' 或 '7d'",
    ),
    ("cli.span.too_long_years", "最多十年"),
    (
        "cli.span.too_long_minutes",
        "最多十分钟；更长的窗口请用 --for 采样",
    ),
    ("cli.span.zero", "请给出大于零的时长"),
    ("cli.span.too_short", "采样间隔至少 100ms"),
    ("cli.io.not_found", "没有这个文件或目录"),
    ("cli.io.denied", "权限不足"),
    ("cli.io.exists", "同名文件已存在"),
    ("cli.io.is_dir", "它是一个目录"),
    ("cli.io.not_dir", "路径中的某一部分不是目录"),
    ("cli.io.no_space", "设备上没有剩余空间"),
    ("cli.io.read_only", "文件系统是只读的"),
    ("cli.io.loop", "符号链接层数过多"),
    ("cli.io.too_large", "文件过大"),
    (
        "cli.store.read_only",
        "无法记录到 '{path}'：文件只读；未做任何改动",
    ),
    (
        "cli.store.not_history",
        "'{path}' 不是 hostfit 的历史数据库；未做任何改动",
    ),
    (
        "cli.store.newer",
        "'{path}' 由更新版本的 hostfit 写入（模式版本 {found}；本版本最多支持 {known}）；未做任何改动",
    ),
    (
        "cli.store.full",
        "无法记录到 '{path}'：磁盘已满；已写入的样本保留不变",
    ),
    (
        "cli.store.link",
        "'{path}' 是符号链接：hostfit 不会经由链接访问历史数据库；未做任何改动",
    ),
    ("cli.store.missing", "历史数据库 '{path}' 不存在"),
    ("cli.store.sqlite", "无法使用历史数据库 '{path}'：{error}"),
    (
        "cli.history.no_samples",
        "'{path}' 在最近 {since} 内没有样本",
    ),
    ("cli.profile.target", "无法分析 {what}：{error}"),
];
