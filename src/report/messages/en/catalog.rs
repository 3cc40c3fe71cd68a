//! English words for catalog listings and imports. Every key here exists in `zh/catalog.rs` too (a test checks).

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    ("catalog.col.catalog", "Catalog"),
    ("catalog.col.types", "Types"),
    ("catalog.col.region", "Region"),
    ("catalog.col.description", "Description"),
    (
        "catalog.list.hint",
        "List one with `hostfit catalog NAME`, or a file with `hostfit catalog ./my-catalog.yaml`.",
    ),
    ("catalog.title", "{name} ({count} types)"),
    (
        "catalog.title_described",
        "{name}: {description} ({count} types)",
    ),
    ("catalog.col.type", "Type"),
    ("catalog.col.family", "Family"),
    ("catalog.col.vcpus", "vCPU"),
    ("catalog.col.baseline", "Baseline"),
    ("catalog.col.memory", "Memory"),
    ("catalog.col.price", "Price"),
    ("catalog.col.monthly", "Per month"),
    ("catalog.price.month", "{price} {currency}/month"),
    (
        "catalog.price.month_on_demand",
        "{price} {currency}/month on-demand",
    ),
    ("catalog.price.hour", "{price} {currency}/hour"),
    (
        "catalog.price.hour_on_demand",
        "{price} {currency}/hour on-demand",
    ),
    (
        "catalog.note.estimate",
        "* estimate: each such type's `source` says which figures are estimated and how.",
    ),
    (
        "catalog.note.baseline",
        "Baseline: the sustained share of each vCPU of a burstable type; planning counts vCPUs x baseline.",
    ),
    (
        "catalog.note.hourly",
        "Per month: hourly prices x 730 hours.",
    ),
    (
        "catalog.import.header",
        "Imported by `hostfit catalog import --from {source}` from '{file}'.",
    ),
    (
        "catalog.import.header_region",
        "Imported by `hostfit catalog import --from {source}` from '{file}', region {region}.",
    ),
    ("catalog.import.header_types", "{types} instance types."),
    ("catalog.import.header_types_one", "1 instance type."),
    (
        "catalog.import.header_skipped",
        "{skipped} entries of the file skipped.",
    ),
    (
        "catalog.import.header_skipped_one",
        "1 entry of the file skipped.",
    ),
    (
        "catalog.import.header_skipped_none",
        "No entry of the file skipped.",
    ),
    (
        "catalog.import.done",
        "imported {types} instance types of region '{region}'",
    ),
    (
        "catalog.import.done_one",
        "imported 1 instance type of region '{region}'",
    ),
    (
        "catalog.import.done_into",
        "imported {types} instance types of region '{region}' into '{file}'",
    ),
    (
        "catalog.import.done_into_one",
        "imported 1 instance type of region '{region}' into '{file}'",
    ),
    (
        "catalog.import.skipped",
        "warning: skipped {count} entries ({names}): {reason}",
    ),
    (
        "catalog.import.skipped_one",
        "warning: skipped 1 entry ({names}): {reason}",
    ),
    (
        "catalog.import.skipped_more",
        "warning: skipped {count} entries ({names} and {more} more): {reason}",
    ),
    (
        "catalog.import.invalid",
        "the catalog imported from '{file}' is not valid: {problem}",
    ),
    ("catalog.import.list", "{names}"),
    ("catalog.import.list_more", "{names} and {more} more"),
    (
        "catalog.import.no_prices",
        "the file has no Linux VPC prices",
    ),
    (
        "catalog.import.no_prices_in_region",
        "the file has no Linux VPC prices for region '{region}'",
    ),
    (
        "catalog.import.prices_of_regions",
        "the file has Linux VPC prices for {count} regions: a catalog covers one",
    ),
    (
        "catalog.import.no_rows",
        "the file has no rows with a region",
    ),
    (
        "catalog.import.no_rows_in_region",
        "the file has no rows for region '{region}'",
    ),
    (
        "catalog.import.rows_of_regions",
        "the file has rows for {count} regions: a catalog covers one",
    ),
    (
        "catalog.import.help.regions",
        "regions in the file: {regions}",
    ),
    (
        "catalog.import.help.choose_region",
        "choose one with --region: {regions}",
    ),
    (
        "catalog.import.nothing_imported",
        "no instance type of region '{region}' could be imported",
    ),
    (
        "catalog.import.help.nothing_matched",
        "no entry of the file matched",
    ),
    (
        "catalog.import.help.skipped",
        "{count} entries were skipped, e.g. '{name}' (line {line}): {reason}",
    ),
    (
        "catalog.import.help.skipped_one",
        "1 entry was skipped: '{name}' (line {line}): {reason}",
    ),
    (
        "catalog.import.json_syntax",
        "this is not valid JSON: check the quotes, commas and brackets here",
    ),
    (
        "catalog.import.json_ends_early",
        "the file ends before the JSON is complete",
    ),
    (
        "catalog.import.json_shape",
        "the JSON here does not have the shape of Alibaba Cloud's instancePrice.json",
    ),
    (
        "catalog.import.help.aliyun_shape",
        "expected Alibaba Cloud's instancePrice.json: {\"currency\": \"CNY\", \"version\": ..., \"pricingInfo\": {\"cn-hangzhou::ecs.g7.large::vpc::linux::optimized\": {\"hours\": [{\"price\": \"0.5\", \"period\": \"1\"}], \"months\": [...]}}}",
    ),
    (
        "catalog.import.no_currency",
        "the file does not say its 'currency'",
    ),
    (
        "catalog.import.help.currency",
        "add \"currency\": \"CNY\" (China site) or \"USD\" (international site) at the top level",
    ),
    (
        "catalog.import.bad_price_of",
        "the price '{price}' of '{key}' is not a number of zero or more",
    ),
    (
        "catalog.import.bad_price",
        "the price '{price}' is not a number of zero or more",
    ),
    (
        "catalog.import.bad_vcpus",
        "'{value}' is not a number of vCPUs",
    ),
    (
        "catalog.import.bad_memory_gib",
        "'{value}' is not a size in GiB",
    ),
    ("catalog.import.empty_type", "the instance type is empty"),
    (
        "catalog.import.help.skypilot_header",
        "SkyPilot's vms.csv starts with: {header}",
    ),
    (
        "catalog.skip.bad_key",
        "the key is not 'region::type::network::os::io'",
    ),
    (
        "catalog.skip.no_price_period",
        "no one-month or one-hour price",
    ),
    (
        "catalog.skip.not_ecs",
        "'{name}' is not an ECS type name (ecs.<family>.<size>)",
    ),
    (
        "catalog.skip.no_size",
        "'{name}' has no size (ecs.<family>.<size>)",
    ),
    (
        "catalog.skip.no_size_rule",
        "not in the table of documented specs, and no naming rule gives the vCPUs of size '{size}'",
    ),
    (
        "catalog.skip.no_memory_rule",
        "not in the table of documented specs, and no naming rule gives the memory of family '{family}'",
    ),
    (
        "catalog.skip.bad_ratio",
        "not in the table of documented specs, and '{ratio}' does not spell a vCPU:GiB ratio like 'c1m2'",
    ),
    (
        "catalog.skip.no_baseline",
        "burstable type '{name}' has no known CPU baseline",
    ),
    ("catalog.skip.no_on_demand", "no on-demand price"),
    (
        "catalog.skip.fractional_vcpus",
        "not a whole number of vCPUs",
    ),
    ("catalog.skip.no_memory", "no memory"),
    (
        "catalog.csv.unequal_row",
        "this row has {fields} fields, but the header has {expected}",
    ),
    ("catalog.csv.not_utf8", "this row is not valid UTF-8"),
    (
        "catalog.csv.unreadable_row",
        "this row cannot be read as CSV",
    ),
    ("catalog.csv.unknown_column", "unknown column '{column}'"),
    (
        "catalog.csv.column_twice",
        "the column '{column}' appears twice",
    ),
    (
        "catalog.csv.no_column",
        "the header has no column '{column}'",
    ),
    (
        "catalog.csv.help.header",
        "a catalog CSV starts with: {header}",
    ),
    (
        "catalog.csv.help.did_you_mean",
        "did you mean '{column}'? Known columns: {columns}",
    ),
    ("catalog.csv.help.columns", "known columns: {columns}"),
    ("catalog.csv.empty", "'{column}' is empty"),
    (
        "catalog.csv.bad_vcpus",
        "'{value}' is not a whole number of vCPUs",
    ),
    ("catalog.csv.bad_price", "'{value}' is not a price"),
    (
        "catalog.csv.bad_period",
        "'{value}' is not a period: expected 'month' or 'hour'",
    ),
    (
        "catalog.csv.bad_billing",
        "'{value}' is not a billing: expected 'subscription' or 'on-demand'",
    ),
    (
        "catalog.csv.bad_arch",
        "'{value}' is not an architecture: expected 'x86_64' or 'arm64'",
    ),
    (
        "catalog.csv.bad_estimate",
        "'{value}' is not 'true' or 'false'",
    ),
    ("catalog.title.one", "{name} ({count} type)"),
    (
        "catalog.title_described.one",
        "{name}: {description} ({count} type)",
    ),
];
