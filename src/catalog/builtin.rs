//! The catalogs compiled into the binary, as YAML data under `src/catalog/data/`. Parsing them is
//! the caller's job, with the same diagnostics as a user's file.

/// Name and YAML text of each built-in catalog.
const BUILTINS: &[(&str, &str)] = &[
    ("aliyun", include_str!("data/aliyun.yaml")),
    ("aws", include_str!("data/aws.yaml")),
];

/// The names of the built-in catalogs.
pub fn builtin_names() -> impl Iterator<Item = &'static str> {
    BUILTINS.iter().map(|(name, _)| *name)
}

/// The YAML text of a built-in catalog, `None` when there is no such built-in.
pub fn builtin_text(name: &str) -> Option<&'static str> {
    BUILTINS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Billing, Bytes, Catalog, InstanceType, Period};

    const GIB: u64 = 1 << 30;

    fn load(name: &str) -> Catalog {
        let text = builtin_text(name).unwrap_or_else(|| panic!("no built-in {name}"));
        serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    fn get<'a>(catalog: &'a Catalog, name: &str) -> &'a InstanceType {
        catalog
            .find(name)
            .unwrap_or_else(|| panic!("{name} missing from {}", catalog.name))
    }

    #[test]
    fn builtins_load_and_pass_every_check() {
        for name in builtin_names() {
            let catalog = load(name);
            assert_eq!(catalog.name, name);
            assert!(catalog.problems().is_empty(), "{name}");
            for it in &catalog.instances {
                assert!(!it.source.trim().is_empty(), "{}", it.name);
                assert!(!it.as_of.trim().is_empty(), "{}", it.name);
                assert!(
                    !it.family.is_empty() && it.name.contains(&it.family),
                    "{}",
                    it.name
                );
            }
        }
        assert!(builtin_text("gcp").is_none());
    }

    #[test]
    fn the_seed_host_is_in_the_aliyun_catalog_at_the_seeds_price() {
        let catalog = load("aliyun");
        let seed = get(&catalog, "ecs.e-c1m1.large");
        assert_eq!((seed.vcpus, seed.memory), (2, Bytes(2 * GIB)));
        assert_eq!(seed.cpu_baseline, None, "e is not burstable");
        assert_eq!(
            (seed.period, seed.billing),
            (Period::Month, Billing::Subscription)
        );
        assert_eq!(seed.currency, "CNY");
        assert!((80.0..=100.0).contains(&seed.price), "{}", seed.price);

        let two_by_four: Vec<&InstanceType> = catalog
            .instances
            .iter()
            .filter(|it| it.vcpus == 2 && it.memory == Bytes(4 * GIB))
            .collect();
        assert!(two_by_four.len() >= 3);
        for it in two_by_four {
            assert!(
                (120.0..=150.0).contains(&it.price),
                "{} {}",
                it.name,
                it.price
            );
        }
    }

    #[test]
    fn aliyun_is_estimated_in_one_region_with_the_documented_families() {
        let catalog = load("aliyun");
        assert!(catalog.instances.iter().all(|it| it.estimate
            && it.region == "cn-hangzhou"
            && it.currency == "CNY"
            && it.period == Period::Month));
        for family in ["t6", "e", "u1", "c7", "g7", "r7"] {
            assert!(
                catalog.instances.iter().any(|it| it.family == family),
                "{family}"
            );
        }
        for size in ["large", "xlarge", "2xlarge", "4xlarge"] {
            for family in ["c7", "g7", "r7"] {
                let it = get(&catalog, &format!("ecs.{family}.{size}"));
                let per_vcpu = match family {
                    "c7" => 2,
                    "g7" => 4,
                    _ => 8,
                };
                assert_eq!(it.memory, Bytes(u64::from(it.vcpus) * per_vcpu * GIB));
            }
        }
        let baselines: Vec<(&str, Option<f64>)> = catalog
            .instances
            .iter()
            .filter(|it| it.family == "t6")
            .map(|it| (it.name.as_str(), it.cpu_baseline))
            .collect();
        assert_eq!(
            baselines,
            [
                ("ecs.t6-c1m1.large", Some(0.2)),
                ("ecs.t6-c1m2.large", Some(0.2)),
                ("ecs.t6-c1m4.large", Some(0.3)),
                ("ecs.t6-c1m4.xlarge", Some(0.4)),
                ("ecs.t6-c1m4.2xlarge", Some(0.4)),
            ]
        );
    }

    #[test]
    fn prices_grow_with_size_within_a_family() {
        for name in builtin_names() {
            let catalog = load(name);
            for a in &catalog.instances {
                for b in &catalog.instances {
                    let bigger = b.vcpus >= a.vcpus && b.memory >= a.memory && b.name != a.name;
                    if a.family == b.family && bigger {
                        assert!(
                            b.monthly_cost() > a.monthly_cost(),
                            "{} ({}) should cost more than {} ({})",
                            b.name,
                            b.monthly_cost(),
                            a.name,
                            a.monthly_cost()
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn aws_t3_carries_its_baselines() {
        let catalog = load("aws");
        let expected = [
            ("t3.nano", 0.05),
            ("t3.micro", 0.10),
            ("t3.small", 0.20),
            ("t3.medium", 0.20),
            ("t3.large", 0.30),
            ("t3.xlarge", 0.40),
            ("t3.2xlarge", 0.40),
        ];
        for (name, baseline) in expected {
            assert_eq!(get(&catalog, name).cpu_baseline, Some(baseline), "{name}");
        }
        let large = get(&catalog, "t3.large");
        assert!((large.planning_cores().0 - 0.6).abs() < 1e-9);
        assert!((large.monthly_cost() - 0.0832 * 730.0).abs() < 1e-9);
        for family in ["m7i", "c7i", "r7i"] {
            for size in ["large", "xlarge", "2xlarge", "4xlarge"] {
                let it = get(&catalog, &format!("{family}.{size}"));
                assert_eq!((it.period, it.billing), (Period::Hour, Billing::OnDemand));
                assert_eq!(it.cpu_baseline, None);
            }
        }
    }
}
