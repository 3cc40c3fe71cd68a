//! The Kubernetes reader on `tests/fixtures/kubernetes/nodes-pods.json`: a `v1` `List` laid out
//! field for field as the API returns `Node` and `Pod` objects (the shape of the API reference,
//! kubernetes.io/docs/reference/kubernetes-api/cluster-resources/node-v1/ and
//! .../workload-resources/pod-v1/, and of the JSON objects in the kubernetes repository's own
//! test data such as `staging/src/k8s.io/kubectl/testdata`). The expected figures are worked out
//! by hand from the file, as kube-capacity adds them up.

use super::*;

const FIXTURE: &str = include_str!("../../../tests/fixtures/kubernetes/nodes-pods.json");
const KI: f64 = 1024.0;
const MI: f64 = 1024.0 * 1024.0;

#[test]
fn quantities_in_every_suffix() {
    assert_eq!(parse_quantity("3800m"), Some(3.8));
    assert_eq!(parse_quantity("2"), Some(2.0));
    assert_eq!(parse_quantity("128Mi"), Some(128.0 * MI));
    assert_eq!(parse_quantity("1G"), Some(1e9));
    assert_eq!(parse_quantity("1e3"), Some(1000.0));
    assert_eq!(parse_quantity("7901188Ki"), Some(7901188.0 * KI));
    assert_eq!(parse_quantity("1.5Gi"), Some(1.5 * 1024.0 * MI));
    assert_eq!(parse_quantity("12Q"), None);
    assert_eq!(parse_quantity("-1"), None);
}

#[test]
fn nodes_have_allocatable_less_the_requests_of_their_pods() {
    let fleet = parse_kubernetes(FIXTURE, "2024-05-02T10:02:00Z").unwrap_or_default();
    assert_eq!(fleet.hosts.len(), 2);
    let a = &fleet.hosts[0];
    assert_eq!(a.name(), "worker-a");
    let h = &a.snapshot.host;
    assert_eq!(h.cpu.cores, Cores(3.8));
    // web: containers 500m + 100m, init container 2 cores: the pod asks for max = 2 cores;
    // memory 256Mi + 64Mi = 320Mi beats the init container's 128Mi.
    assert!((h.cpu.used.0 - 2.0).abs() < 1e-9, "{:?}", h.cpu.used);
    assert_eq!(h.memory.total, Bytes((7901188.0 * KI) as u64));
    assert_eq!(
        h.memory.available,
        Bytes((7901188.0 * KI - 320.0 * MI) as u64)
    );
    assert_eq!(h.listening_ports, vec![ListeningPort::number(8080)]);
    assert_eq!(
        a.labels
            .get("topology.kubernetes.io/zone")
            .map(String::as_str),
        Some("zone-a")
    );
    assert_eq!(a.snapshot.workloads[0].name, "shop/web-7d4b9c6f5-x2k8q");
    assert_eq!(a.snapshot.workloads[0].memory_limit, Some(Bytes(512 << 20)));
    // worker-b: coredns 100m + 250m overhead, 70Mi + 120Mi; the finished backup holds nothing
    let b = &fleet.hosts[1].snapshot.host;
    assert!((b.cpu.used.0 - 0.35).abs() < 1e-9);
    assert_eq!(
        b.memory.available,
        Bytes((3935188.0 * KI - 190.0 * MI) as u64)
    );
    assert!(b.listening_ports.is_empty());
}

#[test]
fn a_node_without_allocatable_is_missing_and_bad_quantities_are_errors() {
    let text = r#"{"kind":"List","items":[{"kind":"Node","metadata":{"name":"n"},"status":{}}]}"#;
    let fleet = parse_kubernetes(text, "t").unwrap_or_default();
    assert_eq!(fleet.missing[0].name, "n");
    let bad = r#"{"kind":"List","items":[{"kind":"Node","metadata":{"name":"n"},"status":{"allocatable":{"cpu":"lots"}}}]}"#;
    assert!(parse_kubernetes(bad, "t").is_err());
    assert!(parse_kubernetes("[]", "t").is_err());
}
