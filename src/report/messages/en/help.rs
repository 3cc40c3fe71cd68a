//! English words for the command line itself: `--help` of every command (each ends with
//! examples), the man page's headings, the command line's own mistakes, and the starter plan of
//! `hostfit init`. Every key here exists in `zh/help.rs` too (a test checks).

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    ("help.heading.usage", "Usage:"),
    ("help.heading.options", "Options"),
    ("help.heading.arguments", "Arguments"),
    ("help.heading.commands", "Commands"),
    ("help.value.command", "COMMAND"),
    ("help.flag.help", "Print help"),
    ("help.flag.version", "Print the version"),
    ("help.man.manual", "hostfit manual"),
    ("help.man.name", "NAME"),
    ("help.man.synopsis", "SYNOPSIS"),
    ("help.man.description", "DESCRIPTION"),
    ("help.man.examples", "EXAMPLES"),
    (
        "help.hostfit.about",
        "Will these new services fit on this server, and if not, what exactly should we do?",
    ),
    (
        "help.hostfit.examples",
        "Examples:\n  hostfit init && hostfit plan plan.yaml\n  hostfit scan --format yaml -o snapshot.yaml\n  hostfit plan examples/aliyun-2c2g/plan.yaml --format html -o report.html",
    ),
    (
        "help.hostfit.plan.about",
        "Weigh the services of a plan against a host: verdicts, what fits now, and the options",
    ),
    (
        "help.hostfit.plan.plan",
        "The plan: the services to add, their tiers, the policy and scenarios (YAML; - reads standard input); optional with --compose",
    ),
    (
        "help.hostfit.plan.compose",
        "Add the services of this docker-compose file (instead of the plan's services_from)",
    ),
    (
        "help.hostfit.plan.snapshot",
        "The current state of the host, instead of the plan's host",
    ),
    (
        "help.hostfit.plan.live",
        "Scan this host now instead of reading a snapshot",
    ),
    (
        "help.hostfit.plan.connect",
        "With --live: read a database's live settings from the server (as 'hostfit scan --connect'); the password from HOSTFIT_<ENGINE>_PASSWORD or HOSTFIT_<ENGINE>_PASSWORD_FILE, never here",
    ),
    (
        "help.hostfit.plan.root",
        "With --live: read the host under this directory instead of / (as 'hostfit scan --root')",
    ),
    (
        "help.hostfit.plan.df",
        "With --live: disks from the output of 'df -P -B1' in this file (as 'hostfit scan --df')",
    ),
    (
        "help.hostfit.plan.engine_replies",
        "With --live: containers from recorded Engine API replies in this directory (as 'hostfit scan --engine-replies')",
    ),
    (
        "help.hostfit.plan.catalog",
        "A built-in catalog (aliyun, aws) or a catalog file, instead of the plan's catalog",
    ),
    (
        "help.hostfit.plan.format",
        "The report's format: text, markdown, json or html (one self-contained page with charts); default text",
    ),
    (
        "help.hostfit.plan.lang",
        "Language: en or zh; default from LC_ALL, LC_MESSAGES or LANG (zh_* gives Chinese), else English",
    ),
    (
        "help.hostfit.plan.output",
        "Write the report to this file instead of standard output (written whole or not at all)",
    ),
    (
        "help.hostfit.plan.check",
        "Exit with status 1 when any scenario does not fit",
    ),
    (
        "help.hostfit.plan.examples",
        "Examples:\n  hostfit plan examples/aliyun-2c2g/plan.yaml\n  hostfit plan plan.yaml --format html --lang zh -o report.html\n  hostfit plan --compose docker-compose.yml --snapshot snapshot.yaml --check",
    ),
    (
        "help.hostfit.place.about",
        "Place the services of a plan across a fleet (snapshots, Prometheus or kubectl output), explain what does not fit, and price new instances for the rest",
    ),
    (
        "help.hostfit.place.plan",
        "The plan: services with replicas, spread, on, not_on, requires (YAML; - reads standard input)",
    ),
    (
        "help.hostfit.place.hosts",
        "Snapshot files, one per host; a pattern such as 'snapshots/*.json' is expanded by hostfit",
    ),
    (
        "help.hostfit.place.prometheus",
        "A Prometheus server whose node_exporter (and cAdvisor) metrics describe the hosts; credentials from HOSTFIT_PROMETHEUS_TOKEN, or HOSTFIT_PROMETHEUS_USER and HOSTFIT_PROMETHEUS_PASSWORD, never printed",
    ),
    (
        "help.hostfit.place.window",
        "With --prometheus: the window the peaks are taken over (a Prometheus duration); default 7d",
    ),
    (
        "help.hostfit.place.timeout",
        "With --prometheus: the most one query may take; default 10s",
    ),
    (
        "help.hostfit.place.kubernetes",
        "The output of 'kubectl get nodes,pods -A -o json' ('-' for standard input)",
    ),
    (
        "help.hostfit.place.host_labels",
        "Labels per host (YAML: host name -> {label: value}) for the services' requires",
    ),
    (
        "help.hostfit.place.catalog",
        "A built-in catalog (aliyun, aws) or a catalog file, to price new instances for what is not placed",
    ),
    (
        "help.hostfit.place.tier",
        "The tier to place each service at (its nearest lower one); default its lowest",
    ),
    (
        "help.hostfit.place.time",
        "Time for the local search, as a number of steps that take about that long here (the answer is the same on every run); default 1s",
    ),
    (
        "help.hostfit.place.seed",
        "Seed of the local search; default 1",
    ),
    (
        "help.hostfit.place.count",
        "Also: how many more copies of this service each host takes after the placement",
    ),
    (
        "help.hostfit.place.format",
        "The report's format: text, markdown, json or html; default text",
    ),
    (
        "help.hostfit.place.lang",
        "Language: en or zh; default from LC_ALL, LC_MESSAGES or LANG (zh_* gives Chinese), else English",
    ),
    (
        "help.hostfit.place.output",
        "Write the report to this file instead of standard output (written whole or not at all)",
    ),
    (
        "help.hostfit.place.examples",
        "Examples:\n  hostfit place examples/fleet/plan.yaml --hosts 'examples/fleet/hosts/*.yaml' --host-labels examples/fleet/labels.yaml --catalog aliyun\n  hostfit place plan.yaml --prometheus http://127.0.0.1:9090 --window 7d --format json\n  kubectl get nodes,pods -A -o json | hostfit place plan.yaml --kubernetes - --count web",
    ),
    (
        "help.hostfit.plan.db",
        "Judge on this history database ('hostfit record'): available memory, CPU busy and each workload's figures come from it, the rest from the snapshot",
    ),
    (
        "help.hostfit.plan.window",
        "With --history: the window read, back from now; default 7d",
    ),
    (
        "help.hostfit.plan.basis",
        "With --history: memory on this basis: 'max' the least available memory seen, 'p99' the level it stayed above 99% of the time, 'now' the last sample; default max",
    ),
    (
        "help.hostfit.plan.cpu_basis",
        "With --history: CPU busy on this basis; default p95",
    ),
    (
        "help.hostfit.plan.ahead",
        "With --history: judge the scenarios also against the available memory this far ahead ('30d'), at the rate fitted over the window, and say which verdicts change",
    ),
    (
        "help.hostfit.scan.window",
        "Sample over this long instead of once ('10m', '1h'): the snapshot then carries now, p50, p95, p99 and max of each figure (and the minimum of available memory); Ctrl-C ends early and still writes what was sampled",
    ),
    (
        "help.hostfit.scan.every",
        "With --for: one sample this often, each measuring CPU over its own interval; default 5s",
    ),
    (
        "help.hostfit.record.about",
        "Sample this host into a history database until stopped (see docs/history.md)",
    ),
    (
        "help.hostfit.record.db",
        "The history database (SQLite), created when it does not exist",
    ),
    (
        "help.hostfit.record.every",
        "One sample this often; default 30s",
    ),
    (
        "help.hostfit.record.retain",
        "Delete what is older than this; default 30d",
    ),
    (
        "help.hostfit.record.window",
        "Stop after this long instead of running until stopped",
    ),
    (
        "help.hostfit.record.quiet",
        "Print nothing when starting and stopping",
    ),
    (
        "help.hostfit.record.verbose",
        "Say on standard error each sample once it is written (its time in milliseconds)",
    ),
    (
        "help.hostfit.record.root",
        "Read the host under this directory instead of / (as 'hostfit scan --root')",
    ),
    (
        "help.hostfit.record.df",
        "Disks from the output of 'df -P -B1' in this file (as 'hostfit scan --df')",
    ),
    (
        "help.hostfit.record.engine_replies",
        "Containers from recorded Engine API replies in this directory (as 'hostfit scan --engine-replies')",
    ),
    (
        "help.hostfit.record.connect",
        "Read a database's live settings from the server (as 'hostfit scan --connect'); the password from HOSTFIT_<ENGINE>_PASSWORD or HOSTFIT_<ENGINE>_PASSWORD_FILE, never here",
    ),
    (
        "help.hostfit.record.lang",
        "Language of the messages: en or zh; default from LC_ALL, LC_MESSAGES or LANG, else English",
    ),
    (
        "help.hostfit.record.examples",
        "Examples:\n  hostfit record --db /var/lib/hostfit/history.db\n  hostfit record --db history.db --every 10s --retain 7d\n  hostfit record --db try.db --every 1s --for 1m",
    ),
    (
        "help.hostfit.history.about",
        "Summarize a history database per workload, with the forecast of growth",
    ),
    (
        "help.hostfit.history.db",
        "The history database 'hostfit record' writes",
    ),
    (
        "help.hostfit.history.since",
        "The window, back from now; default 7d",
    ),
    ("help.hostfit.history.format", "text or json; default text"),
    (
        "help.hostfit.history.output",
        "Write to this file instead of standard output (written whole or not at all)",
    ),
    (
        "help.hostfit.history.lang",
        "Language of the text: en or zh; default from LC_ALL, LC_MESSAGES or LANG, else English",
    ),
    (
        "help.hostfit.history.examples",
        "Examples:\n  hostfit history --db history.db\n  hostfit history --db history.db --since 1d --format json\n  hostfit plan plan.yaml --live --history history.db --ahead 30d",
    ),
    (
        "help.hostfit.profile.about",
        "Measure what a service really needs and print a plan entry with its tiers",
    ),
    (
        "help.hostfit.profile.window",
        "How long to follow it; default 5m",
    ),
    (
        "help.hostfit.profile.every",
        "One sample this often; default 1s",
    ),
    (
        "help.hostfit.profile.pid",
        "Follow this running process and everything it starts",
    ),
    (
        "help.hostfit.profile.container",
        "Follow this running container (Docker or Podman)",
    ),
    (
        "help.hostfit.profile.data_dir",
        "The directory the service writes its data to: disk from its growth over the window",
    ),
    (
        "help.hostfit.profile.name",
        "The service's name in the entry; default the command's or the container's",
    ),
    (
        "help.hostfit.profile.output",
        "Write the entry to this file instead of standard output",
    ),
    (
        "help.hostfit.profile.lang",
        "Language of the comments: en or zh; default from LC_ALL, LC_MESSAGES or LANG, else English",
    ),
    (
        "help.hostfit.profile.command",
        "Start this command and follow it (after '--')",
    ),
    (
        "help.hostfit.profile.examples",
        "Examples:\n  hostfit profile --for 10m -- redis-server --port 6380\n  hostfit profile --pid 1234 --for 1h --data-dir /var/lib/app\n  hostfit profile --container web --for 30m -o web.yaml",
    ),
    (
        "help.hostfit.scan.about",
        "Measure this host (or a fixture tree) and its workloads, writing a snapshot",
    ),
    (
        "help.hostfit.scan.interval",
        "Measure CPU use over this long: 0 (no CPU figures), 500ms, 1s, 2.5s, at most 10m; default 1s",
    ),
    (
        "help.hostfit.scan.format",
        "text (a table to read), json or yaml (the snapshot format plan reads); default text",
    ),
    (
        "help.hostfit.scan.output",
        "Write to this file instead of standard output (written whole or not at all)",
    ),
    (
        "help.hostfit.scan.connect",
        "Read a database's live settings from the server, e.g. postgres=postgresql://hostfit@127.0.0.1:5432/postgres (repeatable); the password from HOSTFIT_<ENGINE>_PASSWORD or HOSTFIT_<ENGINE>_PASSWORD_FILE, never here",
    ),
    (
        "help.hostfit.scan.root",
        "Read the host under this directory instead of / (a mounted host, a container's view, a captured tree); only / itself is measured with system calls",
    ),
    (
        "help.hostfit.scan.df",
        "Disks from this file: the output of 'df -P -B1' (or 'df --output=target,size,used,avail -B1') taken on the host; under --root other than /, disks are not measured without it",
    ),
    (
        "help.hostfit.scan.engine_replies",
        "Containers from recorded Docker Engine API replies in this directory ('containers/json' and 'containers/ID/json') instead of asking a socket",
    ),
    (
        "help.hostfit.scan.lang",
        "Language of the text table: en or zh; default from LC_ALL, LC_MESSAGES or LANG, else English. JSON and YAML are the same in every language",
    ),
    (
        "help.hostfit.scan.examples",
        "Examples:\n  hostfit scan\n  hostfit scan --format yaml -o snapshot.yaml\n  hostfit scan --root /mnt/host --df host-df.txt --format json",
    ),
    (
        "help.hostfit.catalog.about",
        "List a catalog of instance types, or import one from a provider's price file",
    ),
    (
        "help.hostfit.catalog.catalog",
        "A built-in catalog (aliyun, aws) or a catalog file (.yaml, .yml, .json, .csv)",
    ),
    (
        "help.hostfit.catalog.format",
        "text (a table) or json (one object per type: name, family, vcpus, cpu_baseline, memory_bytes, monthly_cost, currency, estimate; hourly prices x 730); default text",
    ),
    (
        "help.hostfit.catalog.lang",
        "Language of the listing and of the import summary: en or zh; default from LC_ALL, LC_MESSAGES or LANG, else English",
    ),
    (
        "help.hostfit.catalog.examples",
        "Without NAME|PATH, lists the built-in catalogs (aliyun: Alibaba Cloud ECS cn-hangzhou, estimated CNY/month; aws: EC2 us-east-1, USD/hour). A catalog file is YAML (or JSON) with the fields of a built-in catalog, or CSV with those field names as its header.\n\nExamples:\n  hostfit catalog\n  hostfit catalog aliyun\n  hostfit catalog my-types.csv --format json",
    ),
    (
        "help.hostfit.catalog.import.about",
        "Turn a provider's price list into a catalog file that hostfit plan can use",
    ),
    (
        "help.hostfit.catalog.import.file",
        "The price list: Alibaba Cloud's instancePrice.json or SkyPilot's vms.csv",
    ),
    (
        "help.hostfit.catalog.import.from",
        "What the file is: aliyun-price-json or skypilot-csv",
    ),
    (
        "help.hostfit.catalog.import.region",
        "Keep only this region, e.g. cn-hangzhou or us-east-1 (needed when the file prices several)",
    ),
    (
        "help.hostfit.catalog.import.output",
        "Write the catalog (YAML) to this file, whole or not at all, instead of standard output",
    ),
    (
        "help.hostfit.catalog.import.as_of",
        "The date of the prices when the file does not say (default: the file's modification date)",
    ),
    (
        "help.hostfit.catalog.import.name",
        "The catalog's name (default: the provider and the region, e.g. aliyun-cn-hangzhou)",
    ),
    (
        "help.hostfit.catalog.import.examples",
        "Examples:\n  hostfit catalog import instancePrice.json --from aliyun-price-json --region cn-hangzhou -o aliyun.yaml\n  hostfit catalog import vms.csv --from skypilot-csv --region us-east-1 --as-of 2026-01-31",
    ),
    (
        "help.hostfit.export.about",
        "Write the plan's per-service budgets back as docker-compose limits or Kubernetes resources",
    ),
    (
        "help.hostfit.export.compose.about",
        "Write each service's memory budget and CPU tier as a docker-compose override (or Kubernetes resources)",
    ),
    (
        "help.hostfit.export.compose.plan",
        "The plan (its services_from names the compose file); optional with --compose",
    ),
    (
        "help.hostfit.export.compose.compose",
        "The compose file, instead of the plan's services_from",
    ),
    (
        "help.hostfit.export.compose.snapshot",
        "The current state of the host, instead of the plan's host",
    ),
    (
        "help.hostfit.export.compose.catalog",
        "A built-in catalog (aliyun, aws) or a catalog file, instead of the plan's catalog",
    ),
    (
        "help.hostfit.export.compose.scenario",
        "The scenario whose tiers are written (default: the one the recommendation is about)",
    ),
    (
        "help.hostfit.export.compose.option",
        "upgrade (the cheapest type on which the scenario fits) or lightweight (what fits now); default: the host as it is when the scenario fits, else its upgrade",
    ),
    (
        "help.hostfit.export.compose.to",
        "compose (a docker-compose.override.yml setting deploy.resources) or kubernetes (resources.requests and limits per service); default compose",
    ),
    (
        "help.hostfit.export.compose.output",
        "Write to this file (e.g. docker-compose.override.yml) instead of standard output",
    ),
    (
        "help.hostfit.export.compose.lang",
        "Language of the comments: en or zh; default from LC_ALL, LC_MESSAGES or LANG, else English",
    ),
    (
        "help.hostfit.export.compose.examples",
        "Examples:\n  hostfit export compose plan.yaml -o docker-compose.override.yml\n  hostfit export compose plan.yaml --scenario minimum --option upgrade\n  hostfit export compose plan.yaml --to kubernetes",
    ),
    (
        "help.hostfit.init.about",
        "Write a commented starter plan.yaml that hostfit plan accepts as it is (and with --live a snapshot of this host)",
    ),
    (
        "help.hostfit.init.dir",
        "The folder to write into; default the current one",
    ),
    (
        "help.hostfit.init.live",
        "Also scan this host into snapshot.yaml, which the plan then reads",
    ),
    (
        "help.hostfit.init.force",
        "Replace plan.yaml (and snapshot.yaml) if they exist",
    ),
    (
        "help.hostfit.init.lang",
        "Language of the comments: en or zh; default from LC_ALL, LC_MESSAGES or LANG, else English",
    ),
    (
        "help.hostfit.init.examples",
        "Examples:\n  hostfit init && hostfit plan plan.yaml\n  hostfit init --live --lang zh\n  hostfit init deploy/ --force",
    ),
    (
        "help.hostfit.completions.about",
        "Print the completion script of a shell",
    ),
    ("help.hostfit.completions.shell", "bash, zsh or fish"),
    (
        "help.hostfit.completions.lang",
        "Language of the descriptions: en or zh; default from LC_ALL, LC_MESSAGES or LANG, else English",
    ),
    (
        "help.hostfit.completions.examples",
        "Examples:\n  hostfit completions bash > /etc/bash_completion.d/hostfit\n  hostfit completions zsh > \"${fpath[1]}/_hostfit\"\n  hostfit completions fish > ~/.config/fish/completions/hostfit.fish",
    ),
    (
        "help.hostfit.man.about",
        "Print the man page, made from the same definitions as --help",
    ),
    (
        "help.hostfit.man.command",
        "A command (plan, export compose, ...): its own page instead of hostfit's",
    ),
    (
        "help.hostfit.man.lang",
        "Language of the page: en or zh; default from LC_ALL, LC_MESSAGES or LANG, else English",
    ),
    (
        "help.hostfit.man.examples",
        "Examples:\n  hostfit man > hostfit.1 && man ./hostfit.1\n  hostfit man plan | man -l -\n  hostfit man --lang zh > hostfit.zh.1",
    ),
    ("cli.args.empty_value", "'{arg}' needs a value"),
    (
        "cli.args.invalid_value",
        "'{value}' is not a value of '{arg}': expected {valid}",
    ),
    (
        "cli.args.unknown",
        "'{arg}' is not an option or argument of this command",
    ),
    (
        "cli.args.unknown_close",
        "'{arg}' is not an option of this command; did you mean '{close}'?",
    ),
    (
        "cli.args.unknown_command",
        "'{name}' is not a command: 'hostfit --help' lists them",
    ),
    (
        "cli.args.unknown_command_close",
        "'{name}' is not a command; did you mean '{close}'?",
    ),
    ("cli.args.missing", "{args} must be given"),
    ("cli.args.conflict", "'{arg}' cannot be used with '{other}'"),
    ("cli.args.twice", "'{arg}' is given more than once"),
    (
        "cli.args.bad_value",
        "'{value}' is not valid for '{arg}': {detail}",
    ),
    (
        "cli.args.invalid",
        "the command line is not valid at '{arg}': see 'hostfit --help'",
    ),
    (
        "cli.man.unknown_command",
        "no command '{name}': 'hostfit --help' lists them",
    ),
    (
        "cli.init.exists",
        "'{path}' exists already: hostfit init keeps it; give --force to replace it, or another folder",
    ),
    (
        "init.head",
        "A starter plan written by hostfit init: change the services to yours.",
    ),
    (
        "init.run",
        "Run: hostfit plan plan.yaml (add --format html -o report.html for a page with charts).",
    ),
    ("init.title", "Capacity plan"),
    (
        "init.host",
        "the snapshot hostfit init --live took; hostfit scan takes a new one",
    ),
    (
        "init.no_host",
        "without a host, hostfit plan scans the machine it runs on",
    ),
    (
        "init.catalog",
        "instance types and prices for the upgrade option: aliyun, aws or a file",
    ),
    (
        "init.memory_reserve",
        "share of memory kept free after deployment",
    ),
    (
        "init.cpu_limit",
        "planned CPU above this share of the cores is only tight",
    ),
    ("init.disk_reserve", "share of the disk at / kept free"),
    (
        "init.services_from",
        "or read the services from a docker-compose file",
    ),
    ("init.services", "the services to add"),
    ("init.web_purpose", "the web front end"),
    ("init.port", "checked against the ports in use"),
    ("init.priority", "1 is most important"),
    (
        "init.tiers",
        "memory, CPU cores and disk at each tier; a scenario per tier is added by default",
    ),
    ("init.parts", "what the memory is made of (optional)"),
    ("init.worker_purpose", "background jobs"),
    (
        "init.alternatives",
        "what can stand in for the service if it does not fit (optional)",
    ),
    (
        "init.alternative_purpose",
        "a hosted queue instead of a local worker",
    ),
    (
        "init.scenarios",
        "scenarios of your own besides one per tier (optional)",
    ),
];
