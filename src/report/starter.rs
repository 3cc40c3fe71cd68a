//! The starter plan `hostfit init` writes: a plan `hostfit plan` accepts as it is, with two
//! example services, a scenario, and a comment in the user's language on every key. With a
//! snapshot it reads it as its host; without one, `plan` scans the machine it runs on.

use super::Lang;
use super::messages::Msg;

/// A YAML double-quoted string.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The starter plan in `lang`; `snapshot` is the file beside it to read as the host, if any.
pub fn starter_plan(lang: Lang, snapshot: Option<&str>) -> String {
    let msg = Msg::new(lang);
    let c = |key: &str| msg.t(key);
    let mut lines = vec![
        format!("# {}", c("init.head")),
        format!("# {}", c("init.run")),
        format!("title: {}", quoted(&c("init.title"))),
    ];
    match snapshot {
        Some(file) => lines.push(format!("host: {file}            # {}", c("init.host"))),
        None => lines.push(format!(
            "# host: snapshot.yaml       # {}",
            c("init.no_host")
        )),
    }
    lines.extend([
        format!("# catalog: aliyun           # {}", c("init.catalog")),
        "policy:".to_string(),
        format!(
            "  memory_reserve: 10%        # {}",
            c("init.memory_reserve")
        ),
        format!("  cpu_limit: 70%             # {}", c("init.cpu_limit")),
        format!("  disk_reserve: 10%          # {}", c("init.disk_reserve")),
        format!(
            "# services_from: docker-compose.yml   # {}",
            c("init.services_from")
        ),
        format!("services:                    # {}", c("init.services")),
        "  - name: web".to_string(),
        format!("    purpose: {}", quoted(&c("init.web_purpose"))),
        format!("    port: 8080                 # {}", c("init.port")),
        format!("    priority: 1                # {}", c("init.priority")),
        format!("    tiers:                     # {}", c("init.tiers")),
        "      minimum:  { memory: 128MiB, cpu: 0.1, disk: 200MiB }".to_string(),
        "      standard: { memory: 256MiB, cpu: 0.25, disk: 500MiB }".to_string(),
        "      ideal:    { memory: 512MiB, cpu: 0.5, disk: 1GiB }".to_string(),
        format!("    parts:                     # {}", c("init.parts")),
        "      - { name: runtime, memory: 60MiB..100MiB }".to_string(),
        "      - { name: cache, memory: 50MiB..150MiB }".to_string(),
        "  - name: worker".to_string(),
        format!("    purpose: {}", quoted(&c("init.worker_purpose"))),
        "    priority: 2".to_string(),
        "    tiers:".to_string(),
        "      minimum:  { memory: 256MiB, cpu: 0.2, disk: 100MiB }".to_string(),
        "      standard: { memory: 512MiB, cpu: 0.5, disk: 200MiB }".to_string(),
        format!(
            "    alternatives:              # {}",
            c("init.alternatives")
        ),
        "      - name: hosted-queue".to_string(),
        format!(
            "        purpose: {}",
            quoted(&c("init.alternative_purpose"))
        ),
        "        needs: { memory: 0, cpu: 0, disk: 0 }".to_string(),
        format!("scenarios:                   # {}", c("init.scenarios")),
        "  - { name: web-only, tier: standard, services: [web] }".to_string(),
    ]);
    let mut out = lines.join("\n");
    out.push('\n');
    out
}
