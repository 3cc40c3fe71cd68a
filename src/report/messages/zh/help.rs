//! 命令行本身的中文用语：每个命令的 `--help`（都以示例结尾）、man 手册的标题、命令行自身的错误，
//! 以及 `hostfit init` 写出的起步计划。每个键在 `en/help.rs` 中也有（有测试检查）。

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    ("help.heading.usage", "用法："),
    ("help.heading.options", "选项"),
    ("help.heading.arguments", "参数"),
    ("help.heading.commands", "命令"),
    ("help.value.command", "命令"),
    ("help.flag.help", "显示帮助"),
    ("help.flag.version", "显示版本"),
    ("help.man.manual", "hostfit 手册"),
    ("help.man.name", "名称"),
    ("help.man.synopsis", "概要"),
    ("help.man.description", "描述"),
    ("help.man.examples", "示例"),
    (
        "help.hostfit.about",
        "这些新服务放得进这台服务器吗？放不下的话，具体该怎么办？",
    ),
    (
        "help.hostfit.examples",
        "示例：\n  hostfit init && hostfit plan plan.yaml\n  hostfit scan --format yaml -o snapshot.yaml\n  hostfit plan examples/aliyun-2c2g/plan.yaml --format html -o report.html",
    ),
    (
        "help.hostfit.plan.about",
        "用计划中的服务衡量一台主机：判定、当前能容纳的部分，以及可选方案",
    ),
    (
        "help.hostfit.plan.plan",
        "计划：要新增的服务、档位、策略和场景（YAML；- 表示从标准输入读取）；使用 --compose 时可省略",
    ),
    (
        "help.hostfit.plan.compose",
        "加入这个 docker-compose 文件中的服务（代替计划中的 services_from）",
    ),
    (
        "help.hostfit.plan.snapshot",
        "主机的当前状态，代替计划中的 host",
    ),
    ("help.hostfit.plan.live", "现在扫描本机，而不是读取快照"),
    (
        "help.hostfit.plan.connect",
        "与 --live 一起：从服务器读取数据库的实际设置（同 'hostfit scan --connect'）；密码取自 HOSTFIT_<ENGINE>_PASSWORD 或 HOSTFIT_<ENGINE>_PASSWORD_FILE，绝不写在这里",
    ),
    (
        "help.hostfit.plan.root",
        "与 --live 一起使用：读取此目录下的主机而不是 /（同 'hostfit scan --root'）",
    ),
    (
        "help.hostfit.plan.df",
        "与 --live 一起使用：从此文件中 'df -P -B1' 的输出读取磁盘（同 'hostfit scan --df'）",
    ),
    (
        "help.hostfit.plan.engine_replies",
        "与 --live 一起使用：从此目录中记录的 Engine API 应答读取容器（同 'hostfit scan --engine-replies'）",
    ),
    (
        "help.hostfit.plan.catalog",
        "内置目录（aliyun、aws）或目录文件，代替计划中的 catalog",
    ),
    (
        "help.hostfit.plan.format",
        "报告格式：text、markdown、json 或 html（带图表的独立网页）；默认 text",
    ),
    (
        "help.hostfit.plan.lang",
        "语言：en 或 zh；默认取自 LC_ALL、LC_MESSAGES 或 LANG（zh_* 为中文），否则为英文",
    ),
    (
        "help.hostfit.plan.output",
        "把报告写入此文件而不是标准输出（要么完整写入，要么不写）",
    ),
    ("help.hostfit.plan.check", "有任何场景放不下时以状态 1 退出"),
    (
        "help.hostfit.plan.examples",
        "示例：\n  hostfit plan examples/aliyun-2c2g/plan.yaml\n  hostfit plan plan.yaml --format html --lang zh -o report.html\n  hostfit plan --compose docker-compose.yml --snapshot snapshot.yaml --check",
    ),
    (
        "help.hostfit.place.about",
        "把计划中的服务放到一组主机上（快照、Prometheus 或 kubectl 输出），说明放不下的原因，并为其余部分给出新实例的价格",
    ),
    (
        "help.hostfit.place.plan",
        "计划：带 replicas、spread、on、not_on、requires 的服务（YAML；- 表示从标准输入读取）",
    ),
    (
        "help.hostfit.place.hosts",
        "快照文件，每台主机一个；'snapshots/*.json' 这样的模式由 hostfit 展开",
    ),
    (
        "help.hostfit.place.prometheus",
        "一个 Prometheus 服务器，其 node_exporter（以及 cAdvisor）指标描述这些主机；凭据取自 HOSTFIT_PROMETHEUS_TOKEN，或 HOSTFIT_PROMETHEUS_USER 和 HOSTFIT_PROMETHEUS_PASSWORD，绝不打印",
    ),
    (
        "help.hostfit.place.window",
        "与 --prometheus 一起：取峰值的时间窗口（Prometheus 时长格式）；默认 7d",
    ),
    (
        "help.hostfit.place.timeout",
        "与 --prometheus 一起：单次查询的最长时间；默认 10s",
    ),
    (
        "help.hostfit.place.kubernetes",
        "'kubectl get nodes,pods -A -o json' 的输出（'-' 表示标准输入）",
    ),
    (
        "help.hostfit.place.host_labels",
        "每台主机的标签（YAML：主机名 -> {label: value}），供服务的 requires 使用",
    ),
    (
        "help.hostfit.place.catalog",
        "内置目录（aliyun、aws）或目录文件，用于为放不下的部分给新实例定价",
    ),
    (
        "help.hostfit.place.tier",
        "放置每个服务所用的档位（取不高于它的最近一档）；默认最低档",
    ),
    (
        "help.hostfit.place.time",
        "局部搜索的时间，换算成在本机大约耗时这么久的步数（每次运行结果相同）；默认 1s",
    ),
    ("help.hostfit.place.seed", "局部搜索的随机种子；默认 1"),
    (
        "help.hostfit.place.count",
        "另外：放置之后每台主机还能再容纳这个服务的多少个副本",
    ),
    (
        "help.hostfit.place.format",
        "报告格式：text、markdown、json 或 html；默认 text",
    ),
    (
        "help.hostfit.place.lang",
        "语言：en 或 zh；默认取自 LC_ALL、LC_MESSAGES 或 LANG（zh_* 为中文），否则为英文",
    ),
    (
        "help.hostfit.place.output",
        "把报告写入此文件而不是标准输出（要么完整写入，要么不写）",
    ),
    (
        "help.hostfit.place.examples",
        "示例：\n  hostfit place examples/fleet/plan.yaml --hosts 'examples/fleet/hosts/*.yaml' --host-labels examples/fleet/labels.yaml --catalog aliyun\n  hostfit place plan.yaml --prometheus http://127.0.0.1:9090 --window 7d --format json\n  kubectl get nodes,pods -A -o json | hostfit place plan.yaml --kubernetes - --count web",
    ),
    (
        "help.hostfit.plan.db",
        "按这个历史数据库（'hostfit record' 写入）判断：可用内存、CPU 使用和各工作负载的数字取自它，其余取自快照",
    ),
    (
        "help.hostfit.plan.window",
        "与 --history 一起：读取的时间窗口，从现在往前；默认 7d",
    ),
    (
        "help.hostfit.plan.basis",
        "与 --history 一起：内存按此基准：'max' 为见到的最少可用内存，'p99' 为 99% 的时间都高于的水平，'now' 为最后一个样本；默认 max",
    ),
    (
        "help.hostfit.plan.cpu_basis",
        "与 --history 一起：CPU 使用按此基准；默认 p95",
    ),
    (
        "help.hostfit.plan.ahead",
        "与 --history 一起：同时按窗口内拟合的速率，对这么久之后（'30d'）的可用内存判断各场景，并指出哪些结论会改变",
    ),
    (
        "help.hostfit.scan.window",
        "在这段时间内反复采样而不是只测一次（'10m'、'1h'）：快照中每个数字带 now、p50、p95、p99 和 max（以及可用内存的最小值）；Ctrl-C 提前结束，仍写出已采集的部分",
    ),
    (
        "help.hostfit.scan.every",
        "与 --for 一起：每隔这么久采样一次，每次在自己的间隔内测量 CPU；默认 5s",
    ),
    (
        "help.hostfit.record.about",
        "把本机持续采样写入历史数据库，直到被停止（见 docs/history.md）",
    ),
    (
        "help.hostfit.record.db",
        "历史数据库（SQLite），不存在时创建",
    ),
    ("help.hostfit.record.every", "每隔这么久采样一次；默认 30s"),
    (
        "help.hostfit.record.retain",
        "删除早于此时长的数据；默认 30d",
    ),
    (
        "help.hostfit.record.window",
        "运行这么久后停止，而不是一直运行到被停止",
    ),
    ("help.hostfit.record.quiet", "开始和停止时不输出任何内容"),
    (
        "help.hostfit.record.verbose",
        "每写入一个样本就在标准错误上说明（用时，毫秒）",
    ),
    (
        "help.hostfit.record.root",
        "读取此目录下的主机而不是 /（同 'hostfit scan --root'）",
    ),
    (
        "help.hostfit.record.df",
        "从此文件中 'df -P -B1' 的输出读取磁盘（同 'hostfit scan --df'）",
    ),
    (
        "help.hostfit.record.engine_replies",
        "从此目录中记录的 Engine API 应答读取容器（同 'hostfit scan --engine-replies'）",
    ),
    (
        "help.hostfit.record.connect",
        "从服务器读取数据库的实际设置（同 'hostfit scan --connect'）；密码取自 HOSTFIT_<ENGINE>_PASSWORD 或 HOSTFIT_<ENGINE>_PASSWORD_FILE，绝不写在这里",
    ),
    (
        "help.hostfit.record.lang",
        "消息的语言：en 或 zh；默认取自 LC_ALL、LC_MESSAGES 或 LANG，否则为英文",
    ),
    (
        "help.hostfit.record.examples",
        "示例：\n  hostfit record --db /var/lib/hostfit/history.db\n  hostfit record --db history.db --every 10s --retain 7d\n  hostfit record --db try.db --every 1s --for 1m",
    ),
    (
        "help.hostfit.history.about",
        "按工作负载汇总历史数据库，并给出增长预测",
    ),
    (
        "help.hostfit.history.db",
        "'hostfit record' 写入的历史数据库",
    ),
    (
        "help.hostfit.history.since",
        "时间窗口，从现在往前；默认 7d",
    ),
    ("help.hostfit.history.format", "text 或 json；默认 text"),
    (
        "help.hostfit.history.output",
        "写入此文件而不是标准输出（要么完整写入，要么不写）",
    ),
    (
        "help.hostfit.history.lang",
        "文本的语言：en 或 zh；默认取自 LC_ALL、LC_MESSAGES 或 LANG，否则为英文",
    ),
    (
        "help.hostfit.history.examples",
        "示例：\n  hostfit history --db history.db\n  hostfit history --db history.db --since 1d --format json\n  hostfit plan plan.yaml --live --history history.db --ahead 30d",
    ),
    (
        "help.hostfit.profile.about",
        "测量一个服务的实际需求，输出带档位的计划条目",
    ),
    ("help.hostfit.profile.window", "跟踪多久；默认 5m"),
    ("help.hostfit.profile.every", "每隔这么久采样一次；默认 1s"),
    (
        "help.hostfit.profile.pid",
        "跟踪这个正在运行的进程及其启动的所有进程",
    ),
    (
        "help.hostfit.profile.container",
        "跟踪这个正在运行的容器（Docker 或 Podman）",
    ),
    (
        "help.hostfit.profile.data_dir",
        "服务写入数据的目录：按窗口内的增长计算磁盘",
    ),
    (
        "help.hostfit.profile.name",
        "条目中的服务名；默认取命令名或容器名",
    ),
    (
        "help.hostfit.profile.output",
        "把条目写入此文件而不是标准输出",
    ),
    (
        "help.hostfit.profile.lang",
        "注释的语言：en 或 zh；默认取自 LC_ALL、LC_MESSAGES 或 LANG，否则为英文",
    ),
    (
        "help.hostfit.profile.command",
        "启动这个命令并跟踪它（写在 '--' 之后）",
    ),
    (
        "help.hostfit.profile.examples",
        "示例：\n  hostfit profile --for 10m -- redis-server --port 6380\n  hostfit profile --pid 1234 --for 1h --data-dir /var/lib/app\n  hostfit profile --container web --for 30m -o web.yaml",
    ),
    (
        "help.hostfit.scan.about",
        "测量本机（或测试用的目录树）及其工作负载，写出快照",
    ),
    (
        "help.hostfit.scan.interval",
        "CPU 使用率的测量时长：0（不测 CPU）、500ms、1s、2.5s，最多 10m；默认 1s",
    ),
    (
        "help.hostfit.scan.format",
        "text（供阅读的表格）、json 或 yaml（plan 读取的快照格式）；默认 text",
    ),
    (
        "help.hostfit.scan.output",
        "写入此文件而不是标准输出（要么完整写入，要么不写）",
    ),
    (
        "help.hostfit.scan.connect",
        "从服务器读取数据库的实际设置，例如 postgres=postgresql://hostfit@127.0.0.1:5432/postgres（可重复）；密码取自 HOSTFIT_<ENGINE>_PASSWORD 或 HOSTFIT_<ENGINE>_PASSWORD_FILE，绝不写在这里",
    ),
    (
        "help.hostfit.scan.root",
        "读取此目录下的主机而不是 /（挂载的主机、容器视角、采集的目录树）；只有 / 本身用系统调用测量",
    ),
    (
        "help.hostfit.scan.df",
        "从此文件读取磁盘：在该主机上执行 'df -P -B1'（或 'df --output=target,size,used,avail -B1'）的输出；--root 不是 / 时，没有它就不测量磁盘",
    ),
    (
        "help.hostfit.scan.engine_replies",
        "从此目录中记录的 Docker Engine API 应答（'containers/json' 和 'containers/ID/json'）读取容器，而不是访问套接字",
    ),
    (
        "help.hostfit.scan.lang",
        "文本表格的语言：en 或 zh；默认取自 LC_ALL、LC_MESSAGES 或 LANG，否则为英文。JSON 和 YAML 与语言无关",
    ),
    (
        "help.hostfit.scan.examples",
        "示例：\n  hostfit scan\n  hostfit scan --format yaml -o snapshot.yaml\n  hostfit scan --root /mnt/host --df host-df.txt --format json",
    ),
    (
        "help.hostfit.catalog.about",
        "列出实例规格目录，或从云厂商的价格文件导入目录",
    ),
    (
        "help.hostfit.catalog.catalog",
        "内置目录（aliyun、aws）或目录文件（.yaml、.yml、.json、.csv）",
    ),
    (
        "help.hostfit.catalog.format",
        "text（表格）或 json（每个规格一个对象：name、family、vcpus、cpu_baseline、memory_bytes、monthly_cost、currency、estimate；按小时计价的乘以 730）；默认 text",
    ),
    (
        "help.hostfit.catalog.lang",
        "列表和导入摘要的语言：en 或 zh；默认取自 LC_ALL、LC_MESSAGES 或 LANG，否则为英文",
    ),
    (
        "help.hostfit.catalog.examples",
        "不带 NAME|PATH 时列出内置目录（aliyun：阿里云 ECS 杭州，估算的每月人民币价格；aws：EC2 us-east-1，每小时美元价格）。目录文件是包含内置目录字段的 YAML（或 JSON），或以这些字段名为表头的 CSV。\n\n示例：\n  hostfit catalog\n  hostfit catalog aliyun\n  hostfit catalog my-types.csv --format json",
    ),
    (
        "help.hostfit.catalog.import.about",
        "把云厂商的价格表转换成 hostfit plan 可用的目录文件",
    ),
    (
        "help.hostfit.catalog.import.file",
        "价格表：阿里云的 instancePrice.json 或 SkyPilot 的 vms.csv",
    ),
    (
        "help.hostfit.catalog.import.from",
        "文件类型：aliyun-price-json 或 skypilot-csv",
    ),
    (
        "help.hostfit.catalog.import.region",
        "只保留此地域，例如 cn-hangzhou 或 us-east-1（文件包含多个地域时必须指定）",
    ),
    (
        "help.hostfit.catalog.import.output",
        "把目录（YAML）写入此文件（要么完整写入，要么不写），而不是标准输出",
    ),
    (
        "help.hostfit.catalog.import.as_of",
        "文件未注明时的价格日期（默认：文件的修改日期）",
    ),
    (
        "help.hostfit.catalog.import.name",
        "目录名称（默认：云厂商加地域，例如 aliyun-cn-hangzhou）",
    ),
    (
        "help.hostfit.catalog.import.examples",
        "示例：\n  hostfit catalog import instancePrice.json --from aliyun-price-json --region cn-hangzhou -o aliyun.yaml\n  hostfit catalog import vms.csv --from skypilot-csv --region us-east-1 --as-of 2026-01-31",
    ),
    (
        "help.hostfit.export.about",
        "把计划中每个服务的预算写回 docker-compose 限制或 Kubernetes 资源",
    ),
    (
        "help.hostfit.export.compose.about",
        "把每个服务的内存预算和 CPU 档位写成 docker-compose override 文件（或 Kubernetes 资源）",
    ),
    (
        "help.hostfit.export.compose.plan",
        "计划（其 services_from 指向 compose 文件）；使用 --compose 时可省略",
    ),
    (
        "help.hostfit.export.compose.compose",
        "compose 文件，代替计划中的 services_from",
    ),
    (
        "help.hostfit.export.compose.snapshot",
        "主机的当前状态，代替计划中的 host",
    ),
    (
        "help.hostfit.export.compose.catalog",
        "内置目录（aliyun、aws）或目录文件，代替计划中的 catalog",
    ),
    (
        "help.hostfit.export.compose.scenario",
        "写出哪个场景的档位（默认：建议所针对的场景）",
    ),
    (
        "help.hostfit.export.compose.option",
        "upgrade（可容纳该场景的最便宜规格）或 lightweight（当前能容纳的部分）；默认：场景可容纳时按当前主机，否则按其升级方案",
    ),
    (
        "help.hostfit.export.compose.to",
        "compose（设置 deploy.resources 的 docker-compose.override.yml）或 kubernetes（每个服务的 resources.requests 和 limits）；默认 compose",
    ),
    (
        "help.hostfit.export.compose.output",
        "写入此文件（例如 docker-compose.override.yml）而不是标准输出",
    ),
    (
        "help.hostfit.export.compose.lang",
        "注释的语言：en 或 zh；默认取自 LC_ALL、LC_MESSAGES 或 LANG，否则为英文",
    ),
    (
        "help.hostfit.export.compose.examples",
        "示例：\n  hostfit export compose plan.yaml -o docker-compose.override.yml\n  hostfit export compose plan.yaml --scenario minimum --option upgrade\n  hostfit export compose plan.yaml --to kubernetes",
    ),
    (
        "help.hostfit.init.about",
        "写出一个带注释、hostfit plan 可直接使用的起步 plan.yaml（使用 --live 时还写出本机快照）",
    ),
    ("help.hostfit.init.dir", "写入的目录；默认当前目录"),
    (
        "help.hostfit.init.live",
        "同时把本机扫描为 snapshot.yaml，计划会读取它",
    ),
    (
        "help.hostfit.init.force",
        "plan.yaml（和 snapshot.yaml）已存在时替换它们",
    ),
    (
        "help.hostfit.init.lang",
        "注释的语言：en 或 zh；默认取自 LC_ALL、LC_MESSAGES 或 LANG，否则为英文",
    ),
    (
        "help.hostfit.init.examples",
        "示例：\n  hostfit init && hostfit plan plan.yaml\n  hostfit init --live --lang zh\n  hostfit init deploy/ --force",
    ),
    (
        "help.hostfit.completions.about",
        "输出某个 shell 的补全脚本",
    ),
    ("help.hostfit.completions.shell", "bash、zsh 或 fish"),
    (
        "help.hostfit.completions.lang",
        "说明文字的语言：en 或 zh；默认取自 LC_ALL、LC_MESSAGES 或 LANG，否则为英文",
    ),
    (
        "help.hostfit.completions.examples",
        "示例：\n  hostfit completions bash > /etc/bash_completion.d/hostfit\n  hostfit completions zsh > \"${fpath[1]}/_hostfit\"\n  hostfit completions fish > ~/.config/fish/completions/hostfit.fish",
    ),
    (
        "help.hostfit.man.about",
        "输出 man 手册，与 --help 出自同一套定义",
    ),
    (
        "help.hostfit.man.command",
        "某个命令（plan、export compose 等）：输出它自己的手册而不是 hostfit 的",
    ),
    (
        "help.hostfit.man.lang",
        "手册的语言：en 或 zh；默认取自 LC_ALL、LC_MESSAGES 或 LANG，否则为英文",
    ),
    (
        "help.hostfit.man.examples",
        "示例：\n  hostfit man > hostfit.1 && man ./hostfit.1\n  hostfit man plan | man -l -\n  hostfit man --lang zh > hostfit.zh.1",
    ),
    ("cli.args.empty_value", "'{arg}' 需要一个值"),
    (
        "cli.args.invalid_value",
        "'{value}' 不是 '{arg}' 的取值：应为 {valid}",
    ),
    ("cli.args.unknown", "'{arg}' 不是此命令的选项或参数"),
    (
        "cli.args.unknown_close",
        "'{arg}' 不是此命令的选项；您是指 '{close}' 吗？",
    ),
    (
        "cli.args.unknown_command",
        "'{name}' 不是命令：'hostfit --help' 列出了所有命令",
    ),
    (
        "cli.args.unknown_command_close",
        "'{name}' 不是命令；您是指 '{close}' 吗？",
    ),
    ("cli.args.missing", "必须给出 {args}"),
    ("cli.args.conflict", "'{arg}' 不能与 '{other}' 同时使用"),
    ("cli.args.twice", "'{arg}' 给出了不止一次"),
    (
        "cli.args.bad_value",
        "'{value}' 不是 '{arg}' 的有效值：{detail}",
    ),
    (
        "cli.args.invalid",
        "命令行在 '{arg}' 处无效：请参阅 'hostfit --help'",
    ),
    (
        "cli.man.unknown_command",
        "没有命令 '{name}'：'hostfit --help' 列出了所有命令",
    ),
    (
        "cli.init.exists",
        "'{path}' 已存在：hostfit init 不会覆盖它；加 --force 替换，或换一个目录",
    ),
    (
        "init.head",
        "由 hostfit init 写出的起步计划：请把服务改成您自己的。",
    ),
    (
        "init.run",
        "运行：hostfit plan plan.yaml（加 --format html -o report.html 可得到带图表的网页）。",
    ),
    ("init.title", "容量规划"),
    (
        "init.host",
        "hostfit init --live 采集的快照；hostfit scan 可重新采集",
    ),
    (
        "init.no_host",
        "不指定 host 时，hostfit plan 会扫描运行它的机器",
    ),
    (
        "init.catalog",
        "升级方案使用的实例规格和价格：aliyun、aws 或目录文件",
    ),
    ("init.memory_reserve", "部署后保留的空闲内存比例"),
    ("init.cpu_limit", "计划 CPU 超过核数的这一比例即为紧张"),
    ("init.disk_reserve", "/ 所在磁盘保留的空闲比例"),
    ("init.services_from", "或从 docker-compose 文件读取服务"),
    ("init.services", "要新增的服务"),
    ("init.web_purpose", "网站前端"),
    ("init.port", "会与已占用的端口比对"),
    ("init.priority", "1 最重要"),
    (
        "init.tiers",
        "各档位的内存、CPU 核数和磁盘；默认为每个档位添加一个场景",
    ),
    ("init.parts", "内存的组成（可选）"),
    ("init.worker_purpose", "后台任务"),
    ("init.alternatives", "服务放不下时可替代它的方案（可选）"),
    ("init.alternative_purpose", "用托管队列代替本地 worker"),
    ("init.scenarios", "除每个档位一个场景外的自定义场景（可选）"),
];
