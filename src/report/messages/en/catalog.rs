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
        "* estimated price: each type's `source` says how it was derived.",
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
    (
        "catalog.import.header_counts",
        "{types} instance types; entries of the file skipped: {skipped}.",
    ),
    (
        "catalog.import.done",
        "imported {types} instance types of region '{region}'",
    ),
    (
        "catalog.import.done_into",
        "imported {types} instance types of region '{region}' into '{file}'",
    ),
    (
        "catalog.import.skipped",
        "warning: skipped {count} ({names}): {reason}",
    ),
    (
        "catalog.import.skipped_more",
        "warning: skipped {count} ({names} and {more} more): {reason}",
    ),
];
