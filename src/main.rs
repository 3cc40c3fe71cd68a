fn main() {
    let opts = serde_saphyr::options! { with_snippet: false };
    let bad = "host:\n  nmae: x\n  cpu: {cores: 2x}\n";
    let r: Result<hostfit::model::Snapshot, _> = serde_saphyr::from_str_with_options(bad, opts.clone());
    if let Err(e) = r { println!("[{e}]\n{:?}", e.location()); }
    let bad = "host: {name: a, taken_at: b, cpu: {cores: 2x}, memory: {total: 1, available: 1}}\n";
    let r: Result<hostfit::model::Snapshot, _> = serde_saphyr::from_str_with_options(bad, opts.clone());
    if let Err(e) = r { println!("[{e}]\n{:?}", e.location()); }
    let bad = "host: {name: a, taken_at: b, cpu: {cores: 2}, memory: {total: 1, available: 1}, disks: 3}\n";
    let r: Result<hostfit::model::Snapshot, _> = serde_saphyr::from_str_with_options(bad, opts.clone());
    if let Err(e) = r { println!("[{e}]\n{:?}", e.location()); }
    let bad = "host: {name: a, taken_at: b, cpu: {cores: 2}, memory: {total: 1, available: 1}\n";
    let r: Result<hostfit::model::Snapshot, _> = serde_saphyr::from_str_with_options(bad, opts.clone());
    if let Err(e) = r { println!("[{e}]\n{:?}", e.location()); }
    let bad = "{\"host\": {\"name\": \"a\", \"taken_at\": \"b\", \"cpu\": {\"cores\": 2}}}";
    let r: Result<hostfit::model::Snapshot, _> = serde_saphyr::from_str_with_options(bad, opts.clone());
    if let Err(e) = r { println!("[{e}]\n{:?}", e.location()); }
}
