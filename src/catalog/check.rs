//! The rules a parsed catalog must keep that its types cannot express: a name, at least one
//! type, unique type names, vCPUs and memory above zero, prices of zero or more, baselines in
//! (0, 1], usable memory within the memory, one currency. Each broken rule is a `Problem` at the
//! field it concerns; `cli` finds the place in the file.

use crate::model::date::is_date;
use crate::model::{Bytes, Catalog, FieldPath, Problem};
use std::collections::BTreeMap;

impl Catalog {
    /// Every rule this catalog breaks, in file order.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let root = FieldPath::root();
        if self.name.trim().is_empty() {
            out.push(Problem::new(root.key("name"), "problem.catalog.no_name"));
        }
        if self.instances.is_empty() {
            out.push(Problem::new(
                root.key("instances"),
                "problem.catalog.no_instances",
            ));
        }
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        let currency = self.instances.first().map(|t| t.currency.as_str());
        for (index, it) in self.instances.iter().enumerate() {
            let at = |field: &str| root.key("instances").index(index).key(field);
            let name = it.name.as_str();
            if name.trim().is_empty() {
                out.push(Problem::new(at("name"), "problem.catalog.empty_name"));
            } else if let Some(first) = seen.get(name) {
                out.push(
                    Problem::new(at("name"), "problem.catalog.duplicate_name")
                        .arg("name", name)
                        .arg("first", first + 1),
                );
            } else {
                seen.insert(name, index);
            }
            if it.vcpus == 0 {
                out.push(Problem::new(at("vcpus"), "problem.catalog.no_vcpus").arg("name", name));
            }
            if it.memory == Bytes::ZERO {
                out.push(Problem::new(at("memory"), "problem.catalog.no_memory").arg("name", name));
            }
            if !it.price.is_finite() || it.price < 0.0 {
                out.push(
                    Problem::new(at("price"), "problem.catalog.bad_price")
                        .arg("name", name)
                        .arg("price", it.price),
                );
            }
            if let Some(b) = it.cpu_baseline
                && !(b.is_finite() && b > 0.0 && b <= 1.0)
            {
                out.push(
                    Problem::new(at("cpu_baseline"), "problem.catalog.bad_baseline")
                        .arg("name", name)
                        .arg("baseline", b),
                );
            }
            if it.currency.trim().is_empty() {
                out.push(
                    Problem::new(at("currency"), "problem.catalog.no_currency").arg("name", name),
                );
            } else if let Some(first) = currency
                && !first.trim().is_empty()
                && it.currency != first
            {
                out.push(
                    Problem::new(at("currency"), "problem.catalog.mixed_currency")
                        .arg("name", name)
                        .arg("currency", &it.currency)
                        .arg("first", first),
                );
            }
            if !is_date(&it.as_of) {
                out.push(
                    Problem::new(at("as_of"), "problem.catalog.bad_as_of")
                        .arg("name", name)
                        .arg("value", &it.as_of),
                );
            }
            if let Some(usable) = it.usable_memory
                && (usable == Bytes::ZERO || usable > it.memory)
            {
                out.push(
                    Problem::new(at("usable_memory"), "problem.catalog.bad_usable")
                        .arg("name", name)
                        .arg("usable", usable)
                        .arg("memory", it.memory),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Arch, Billing, Bytes, Catalog, InstanceType, Period};

    fn instance(name: &str, currency: &str) -> InstanceType {
        InstanceType {
            name: name.into(),
            family: "f".into(),
            vcpus: 2,
            cpu_baseline: None,
            memory: Bytes(1 << 30),
            arch: Arch::X86_64,
            price: 1.0,
            currency: currency.into(),
            period: Period::Month,
            billing: Billing::Subscription,
            region: "r".into(),
            usable_memory: None,
            source: "s".into(),
            as_of: "2026-01-01".into(),
            estimate: false,
        }
    }

    fn check(instances: Vec<InstanceType>) -> Vec<(String, &'static str)> {
        let catalog = Catalog {
            name: "c".into(),
            description: None,
            instances,
        };
        catalog
            .problems()
            .into_iter()
            .map(|p| (p.path.to_string(), p.key))
            .collect()
    }

    #[test]
    fn a_good_catalog_has_no_problem() {
        assert_eq!(check(vec![instance("a", "CNY"), instance("b", "CNY")]), []);
    }

    #[test]
    fn the_first_entry_in_another_currency_is_the_problem() {
        let found = check(vec![
            instance("a", "CNY"),
            instance("b", "CNY"),
            instance("c", "USD"),
            instance("d", "USD"),
        ]);
        assert_eq!(
            found.first(),
            Some(&(
                "instances[2].currency".to_string(),
                "problem.catalog.mixed_currency"
            ))
        );
    }

    #[test]
    fn each_rule_names_its_field() {
        let mut zero = instance("z", "CNY");
        zero.vcpus = 0;
        zero.memory = Bytes::ZERO;
        zero.price = -1.0;
        zero.cpu_baseline = Some(1.5);
        zero.usable_memory = Some(Bytes(2 << 30));
        zero.as_of = "last week".into();
        let found = check(vec![instance("z", "CNY"), zero]);
        let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "instances[1].name",
                "instances[1].vcpus",
                "instances[1].memory",
                "instances[1].price",
                "instances[1].cpu_baseline",
                "instances[1].as_of",
                "instances[1].usable_memory"
            ]
        );
    }
}
