//! Compose files in the styles real projects write them, read into plan services.

use super::*;
use crate::model::compose::ComposeFile;
use crate::model::planfile::Tier;

const MIB: u64 = 1 << 20;

fn read(text: &str) -> Result<ComposeServices, Vec<Problem>> {
    let file: ComposeFile = serde_saphyr::from_str(text).expect("parses");
    to_services(&file)
}

fn tier(s: &Service, t: Tier) -> Option<(u64, f64)> {
    s.tiers.get(t).map(|n| (n.memory.0 / MIB, n.cpu.0))
}

#[test]
fn v3_deploy_resources_give_minimum_and_ideal() {
    let out = read(
        "services:\n  api:\n    image: x\n    ports: ['127.0.0.1:8120:8000/tcp']\n    deploy:\n      resources:\n        limits: { cpus: '0.50', memory: 300M }\n        reservations: { memory: 150M, cpus: '0.2' }\n",
    )
    .expect("services");
    let api = &out.services[0];
    assert_eq!(api.name, "api");
    assert_eq!(tier(api, Tier::Minimum), Some((150, 0.2)));
    assert_eq!(tier(api, Tier::Ideal), Some((300, 0.5)));
    assert_eq!(api.tiers.standard, None);
    assert_eq!(api.port, Some(8120));
}

#[test]
fn v2_keys_and_replicas() {
    let out = read(
        "version: '2.4'\nservices:\n  web:\n    mem_limit: 512m\n    mem_reservation: 256m\n    cpus: 1.5\n    ports: ['8080']\n    deploy: { replicas: 2 }\n",
    )
    .expect("services");
    let web = &out.services[0];
    // the reservation's CPU falls back to the limit; two replicas double everything
    assert_eq!(tier(web, Tier::Minimum), Some((512, 3.0)));
    assert_eq!(tier(web, Tier::Ideal), Some((1024, 3.0)));
    assert_eq!(
        web.port, None,
        "a container port alone is published on a random port"
    );
    assert_eq!(out.replicas.get("web"), Some(&2));
}

#[test]
fn anchors_merge_keys_and_the_extension() {
    let out = read(concat!(
        "x-limits: &small\n  deploy:\n    resources:\n      limits: { memory: 200M, cpus: '0.3' }\n",
        "services:\n",
        "  a:\n    <<: *small\n    image: ${IMAGE:-a}\n    environment: [ 'DB=${DB_URL}' ]\n",
        "  b:\n    <<: *small\n    ports: [ { target: 80, published: '9000-9001' } ]\n",
        "    x-hostfit:\n      priority: 1\n      purpose: auth\n      disk: 1GB\n",
        "      tiers: { standard: { memory: 150MB, cpu: 0.2 }, ideal: { cpu: 0.4 } }\n",
        "      alternatives: [ { name: external, needs: { memory: 0 } } ]\n",
        "  db:\n    image: mysql\n    x-hostfit: { skip: true }\n",
    ))
    .expect("services");
    let names: Vec<&str> = out.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["a", "b"]);
    assert_eq!(out.skipped, ["db"]);
    let b = &out.services[1];
    // the extension's figures win one by one; the disk applies where a tier gives none
    assert_eq!(tier(b, Tier::Ideal), Some((200, 0.4)));
    assert_eq!(tier(b, Tier::Standard), Some((150, 0.2)));
    assert_eq!(tier(&out.services[0], Tier::Ideal), Some((200, 0.3)));
    assert_eq!(b.tiers.ideal.map(|n| n.disk.0 >> 30), Some(1));
    assert_eq!((b.priority, b.port), (Some(1), Some(9000)));
    assert_eq!(b.alternatives.len(), 1);
}

#[test]
fn problems_at_their_places() {
    let problems = read(
        "services:\n  a:\n    mem_limit: ${MEM:-512m}\n  b:\n    image: x\n  c:\n    deploy: { resources: { limits: { memory: lots } }, replicas: 0 }\n",
    )
    .expect_err("problems");
    let found: Vec<(String, &str)> = problems
        .iter()
        .map(|p| (p.path.to_string(), p.key))
        .collect();
    assert_eq!(
        found,
        [
            (
                "services.a.mem_limit".to_string(),
                "problem.compose.interpolated"
            ),
            ("services.a".to_string(), "problem.compose.no_figures"),
            ("services.b".to_string(), "problem.compose.no_figures"),
            (
                "services.c.deploy.replicas".to_string(),
                "problem.compose.bad_replicas"
            ),
            (
                "services.c.deploy.resources.limits.memory".to_string(),
                "unit.size"
            ),
            ("services.c".to_string(), "problem.compose.no_figures"),
        ]
    );
}

#[test]
fn ports_in_every_short_form() {
    for (spec, port) in [
        ("8120:8000", Some(8120)),
        ("127.0.0.1:8100:8100/tcp", Some(8100)),
        ("[::1]:8080:80", Some(8080)),
        ("9000-9001:9000-9001", Some(9000)),
        ("127.0.0.1::80", None),
        ("80", None),
    ] {
        assert_eq!(short_host_port(spec), port, "{spec}");
    }
}
