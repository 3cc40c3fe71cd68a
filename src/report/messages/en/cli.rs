//! English words for the command line's own errors: files that cannot be read or written, and
//! flags that name something that is not there. Every key here exists in `zh/cli.rs` too (a
//! test checks).

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    ("cli.read", "cannot read '{path}': {error}"),
    (
        "cli.read.stdin_twice",
        "'-' names standard input for a second input, and it was already read for another: give a file for one of them",
    ),
    (
        "cli.read.too_large",
        "cannot read '{path}': it is larger than {limit}, the most hostfit reads from one file",
    ),
    (
        "cli.read.not_regular",
        "cannot read '{path}': it is {kind}, not a regular file",
    ),
    (
        "cli.read.not_utf8",
        "not UTF-8 text: the byte '{byte}' here is not part of a character",
    ),
    (
        "cli.read.not_utf8_end",
        "not UTF-8 text: the file ends inside a character",
    ),
    ("cli.kind.directory", "a directory"),
    ("cli.kind.fifo", "a FIFO (named pipe)"),
    ("cli.kind.socket", "a socket"),
    ("cli.kind.char_device", "a character device"),
    ("cli.kind.block_device", "a block device"),
    ("cli.kind.other", "a special file"),
    ("cli.write", "cannot write '{path}': {error}"),
    (
        "cli.write.stdout",
        "cannot write to standard output: {error}",
    ),
    (
        "cli.write.stdout_closed",
        "cannot write to standard output: it is closed",
    ),
    (
        "cli.output.kind",
        "'--output {path}' is {kind}: give a regular file, a FIFO or a character device",
    ),
    (
        "cli.output.dangling",
        "'--output {path}' is a symbolic link to '{target}', which does not exist",
    ),
    (
        "cli.output.no_name",
        "'--output {path}' does not name a file",
    ),
    (
        "cli.output.changed",
        "'--output {path}' changed while hostfit opened it: nothing was written",
    ),
    (
        "cli.output.is_input",
        "'--output {path}' is the input '{input}': hostfit does not overwrite its inputs, choose another file",
    ),
    (
        "cli.output.in_input",
        "'--output {path}' is inside the input directory '{input}': hostfit does not write into its inputs, choose another file",
    ),
    (
        "cli.output.planted_link",
        "'--output {path}' is a symbolic link of another user (uid {owner}) in a folder others can write to: hostfit does not follow it, choose another file",
    ),
    (
        "cli.output.owner",
        "cannot write '{path}': the new file cannot get the owner and group of the old one: {error}",
    ),
    (
        "cli.catalog.unknown",
        "unknown catalog '{spec}': the built-in catalogs are {names}, and there is no file '{path}'",
    ),
    (
        "cli.catalog.unknown_close",
        "unknown catalog '{spec}': the built-in catalogs are {names}, and there is no file '{path}'; did you mean '{close}'?",
    ),
    (
        "cli.catalog.format",
        "cannot tell the format of catalog '{path}': expected a name ending in .yaml, .yml, .json or .csv",
    ),
    ("cli.catalog.no_builtin", "no built-in catalog '{name}'"),
    (
        "cli.catalog.import_invalid",
        "the catalog imported from '{path}' is not valid: {problem}",
    ),
    ("cli.scan.root", "'--root {root}' is not a directory"),
    (
        "cli.scan.flag_not_dir",
        "'{flag} {path}' is not a directory",
    ),
    (
        "cli.scan.df_invalid",
        "'--df {path}': {error}: expected the output of 'df -P -B1' or 'df --output=target,size,used,avail -B1'",
    ),
    ("cli.scan.failed", "cannot scan '{root}': {error}"),
    (
        "cli.connect.engine",
        "'--connect {engine}=...': not an engine --connect reads: expected postgresql, mysql or redis",
    ),
    (
        "cli.connect.shape",
        "'--connect' expects ENGINE=DSN, e.g. 'postgresql=postgresql://postgres@127.0.0.1:5432/postgres'",
    ),
    (
        "cli.connect.password",
        "the DSN of '--connect {engine}=...' holds a password: put it in {variable}, or a file named by {variable}_FILE, never on the command line",
    ),
    (
        "cli.connect.dsn",
        "'--connect {engine}=...' is not a DSN for {engine}: expected {expected}",
    ),
    ("cli.render.report", "cannot render the report: {error}"),
    ("cli.render.snapshot", "cannot write the snapshot: {error}"),
    (
        "cli.render.listing",
        "cannot write the catalog listing: {error}",
    ),
    (
        "cli.flag.bad_date",
        "'{flag} {value}' is not a date: expected YYYY-MM-DD, such as '2026-01-31'",
    ),
    (
        "cli.span.not_a_time",
        "expected a number and a unit, e.g. '500ms', '5s', '10m', '2h' or '7d'",
    ),
    ("cli.span.too_long_years", "at most ten years"),
    (
        "cli.span.too_long_minutes",
        "at most ten minutes; sample a longer window with --for",
    ),
    ("cli.span.zero", "give a length above zero"),
    ("cli.span.too_short", "sample at most every 100ms"),
    ("cli.io.not_found", "there is no such file or directory"),
    ("cli.io.denied", "permission denied"),
    ("cli.io.exists", "a file of that name exists already"),
    ("cli.io.is_dir", "it is a directory"),
    ("cli.io.not_dir", "a part of the path is not a directory"),
    ("cli.io.no_space", "no space left on the device"),
    ("cli.io.read_only", "the file system is read-only"),
    ("cli.io.loop", "too many levels of symbolic links"),
    ("cli.io.too_large", "the file is too large"),
    (
        "cli.store.read_only",
        "cannot record to '{path}': the file is read-only; nothing was changed",
    ),
    (
        "cli.store.not_history",
        "'{path}' is not a hostfit history database; nothing was changed",
    ),
    (
        "cli.store.newer",
        "'{path}' was written by a newer hostfit (schema {found}; this one knows up to {known}); nothing was changed",
    ),
    (
        "cli.store.full",
        "cannot record to '{path}': the disk is full; the samples written so far are kept",
    ),
    (
        "cli.store.link",
        "'{path}' is a symbolic link: hostfit does not follow one to a history database; nothing was changed",
    ),
    ("cli.store.missing", "there is no history database '{path}'"),
    (
        "cli.store.sqlite",
        "cannot use the history database '{path}': {error}",
    ),
    (
        "cli.history.no_samples",
        "'{path}' has no sample in the last {since}",
    ),
    ("cli.profile.target", "cannot profile {what}: {error}"),
];
