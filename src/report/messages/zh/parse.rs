//! Chinese words for files that do not read: the YAML parser's errors (`parse.*`) and values a
//! unit parser rejects (`unit.*`). Every key here exists in `en/parse.rs` too (a test checks).

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    (
        "parse.duplicate_key",
        "'{key}' 在这个映射中出现了两次：每个键只能出现一次",
    ),
    (
        "parse.duplicate_key_here",
        "这个键在所在的映射中出现了两次：每个键只能出现一次",
    ),
    (
        "parse.several_documents",
        "文件包含多个 YAML 文档（'---' 开始了另一个文档）：只能有一个",
    ),
    (
        "parse.alias_limit",
        "此处的锚点和别名（'&name'、'*name'）展开得太多：hostfit 最多跟随 {aliases} 个别名、展开 {values} 个值",
    ),
    (
        "parse.unknown_anchor",
        "这个别名引用的锚点没有定义：'*name' 之前应有一个值带 '&name'",
    ),
    ("parse.null", "'{key}' 没有值：':' 之后需要一个值"),
    ("parse.null_here", "此处缺少值（为空或 null）：需要一个值"),
    (
        "parse.too_deep",
        "此处列表和映射嵌套太深：hostfit 最多读取 {limit} 层",
    ),
    (
        "parse.too_many_values",
        "文件中的值太多：hostfit 最多读取 {limit} 个",
    ),
    (
        "parse.too_much_text",
        "文件中的值所含文本太多：hostfit 最多读取 {limit}",
    ),
    ("parse.too_large", "文件太大，无法读取"),
    (
        "parse.not_utf8",
        "文件不是 UTF-8 文本：请以 UTF-8 编码保存文件",
    ),
    ("parse.unknown_key", "此处没有键 '{key}'"),
    (
        "parse.help.did_you_mean",
        "是否想写 '{best}'？此处可用的键：{known}",
    ),
    ("parse.help.known", "此处可用的键：{known}"),
    ("parse.help.no_keys", "这个映射不接受任何键"),
    ("parse.help.no_values", "此处不接受任何值"),
    ("parse.missing_key", "此处缺少 '{key}'：这个映射中必须有它"),
    ("parse.unknown_value", "'{value}' 不是此处允许的值"),
    ("parse.wrong_type", "此处写的是{found}：应为{expected}"),
    ("parse.found.list", "列表"),
    ("parse.found.mapping", "映射"),
    ("parse.found.null", "空值（为空或 null）"),
    ("parse.found.text", "'{value}'"),
    ("parse.found.number", "数字 '{value}'"),
    ("parse.found.items", "含 {count} 项的列表"),
    ("parse.found.value", "其他类型的值"),
    ("parse.expect.list", "列表（'[a, b]' 或以 '- ' 开头的多行）"),
    ("parse.expect.mapping", "键值映射（'key: value'）"),
    (
        "parse.expect.one_value",
        "单个值（词、文本或数字），而不是列表或映射",
    ),
    ("parse.expect.text", "文本"),
    ("parse.expect.bool", "'true' 或 'false'"),
    ("parse.expect.number", "数字"),
    ("parse.expect.whole", "整数"),
    ("parse.expect.word", "单个词，例如文档中列出的取值之一"),
    ("parse.expect.size", "大小，例如 '512MiB'、'1.8GB' 或字节数"),
    ("parse.expect.cpu", "CPU 数量，例如 '0.5'、'500m' 或 '20%'"),
    ("parse.expect.share", "比例，例如 '10%' 或 '0.1'"),
    (
        "parse.expect.size_range",
        "大小（例如 '20MB'）或范围（例如 '50MB..100MB'）",
    ),
    (
        "parse.expect.port",
        "1 到 65535 之间的端口号，或含 'port'、'protocol'、'address'、'process' 的映射",
    ),
    (
        "parse.expect.warning",
        "一句话，或含 'code'、'message'、'args' 的映射",
    ),
    ("parse.expect.value", "其他类型的值"),
    (
        "parse.bad_whole",
        "'{value}' 不是 {min} 到 {max} 之间的整数",
    ),
    ("parse.bad_number", "'{value}' 不是数字"),
    ("parse.bad_bool", "'{value}' 不是 'true' 或 'false'"),
    ("parse.bad_value", "此处无法读取 '{value}'"),
    (
        "parse.non_finite",
        "'{value}' 不是有限的数字：应为例如 '0.5' 这样的数字",
    ),
    (
        "parse.quote",
        "'{value}' 会被读作数字或 'true'/'false'：请加引号表示文本",
    ),
    ("parse.rejected", "此值不被接受：{message}"),
    ("parse.ends_early", "文件在这个列表或映射写完之前就结束了"),
    ("parse.unclosed", "'{open}' 没有闭合：缺少 '{close}'"),
    (
        "parse.mismatched",
        "'{open}' 被 '{close}' 闭合：应为 '{expected}'",
    ),
    ("parse.unclosed_quote", "引号中的文本没有闭合：缺少结束引号"),
    (
        "parse.bad_escape",
        "双引号中的这个转义无效：反斜杠请写作 '\\\\'，或改用单引号",
    ),
    ("parse.tab", "此处不允许使用制表符：YAML 用空格缩进"),
    ("parse.indentation", "此处的缩进与上面的行对不齐"),
    (
        "parse.syntax",
        "此处不是有效的 YAML：请检查本行和上一行的 ':'、'- '、引号和括号",
    ),
    ("parse.tag", "hostfit 的文件不使用标签 '{tag}'"),
    (
        "parse.tag_here",
        "hostfit 的文件不使用标签（'!name'、'!!binary'）",
    ),
    ("parse.merge", "此处的合并（'<<'）需要一个映射或映射的列表"),
    ("parse.include", "hostfit 的文件不支持 '!include'"),
    (
        "parse.internal",
        "hostfit 无法读取文件的这一部分（YAML 读取器意外失败）",
    ),
    (
        "unit.size",
        "'{value}' 不是大小：应为数字加可选单位（B、KiB/KB/K、MiB/MB/M、GiB/GB/G、TiB/TB/T），例如 '512MiB' 或 '1.8GB'",
    ),
    (
        "unit.range",
        "'{value}' 不是大小范围：应为 'MIN..MAX'（例如 '50MB..100MB'）或单个大小",
    ),
    (
        "unit.cpu",
        "'{value}' 不是 CPU 数量：应为核数（'0.5'）、毫核（'500m'）或单核百分比（'20%'）",
    ),
    (
        "unit.ratio",
        "'{value}' 不是比例：应为百分比（例如 '10%'）或 0 到 1 之间的小数",
    ),
    ("unit.negative", "'{value}' 是负数：应为零或更大"),
    (
        "unit.too_large",
        "'{value}' 太大：最多为 1 EiB（1048576TiB）",
    ),
    ("unit.too_many_cores", "'{value}' 太大：最多为 1000000 核"),
];
