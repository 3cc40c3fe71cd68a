//! Checks of a plan that YAML types cannot express (unique names, known services, at least one
//! tier), each reported at the place in the file it concerns.

use super::error::InputError;
use super::input::locate;
use crate::model::PlanFile;
use std::collections::BTreeSet;
use std::path::Path;

pub fn check_plan(path: &Path, text: &str, plan: &PlanFile) -> Result<(), Box<InputError>> {
    let at = |after: &str, needle: &str, message: String| {
        let (line, column) = locate(text, after, needle);
        Box::new(InputError::at(path, text, line, column, message))
    };
    if plan.services.is_empty() {
        return Err(at(
            "services",
            "services",
            "'services' is empty: expected at least one service to add".into(),
        ));
    }
    let mut names = BTreeSet::new();
    for service in &plan.services {
        let anchor = format!("name: {}", service.name);
        if service.name.trim().is_empty() {
            return Err(at(
                "services:",
                "name:",
                "a service has an empty 'name': expected a name".into(),
            ));
        }
        if !names.insert(service.name.as_str()) {
            let (first_line, _) = locate(text, "services:", &anchor);
            let rest: String = text.lines().skip(first_line).collect::<Vec<_>>().join("\n");
            let (line, column) = locate(&rest, &anchor, &service.name);
            return Err(Box::new(InputError::at(
                path,
                text,
                line + first_line,
                column,
                format!(
                    "service '{}' is listed twice: expected unique names",
                    service.name
                ),
            )));
        }
        if service.tiers.lowest().is_none() {
            return Err(at(
                &anchor,
                "tiers",
                format!(
                    "service '{}' has no tier: expected at least one of minimum, standard, ideal",
                    service.name
                ),
            ));
        }
        if service.priority == Some(0) {
            return Err(at(
                &anchor,
                "priority",
                format!(
                    "service '{}' has priority 0: expected 1 (most important) or more",
                    service.name
                ),
            ));
        }
        if service.port == Some(0) {
            return Err(at(
                &anchor,
                "port",
                format!(
                    "service '{}' has port 0: expected a port from 1 to 65535",
                    service.name
                ),
            ));
        }
    }
    let mut scenario_names: BTreeSet<String> = crate::model::Tier::ALL
        .iter()
        .filter(|t| plan.services.iter().any(|s| s.tiers.get(**t).is_some()))
        .map(|t| t.key().to_string())
        .collect();
    for scenario in &plan.scenarios {
        if !scenario_names.insert(scenario.name.clone()) {
            return Err(at(
                "scenarios:",
                &scenario.name,
                format!(
                    "scenario '{}' already exists (the default scenarios are named after the tiers): expected another name",
                    scenario.name
                ),
            ));
        }
        if scenario.services.is_empty() {
            return Err(at(
                "scenarios:",
                &scenario.name,
                format!(
                    "scenario '{}' has no services: expected at least one",
                    scenario.name
                ),
            ));
        }
        for name in &scenario.services {
            if !names.contains(name.as_str()) {
                let known: Vec<&str> = names.iter().copied().collect();
                let (line, column) = locate(text, &format!("name: {}", scenario.name), name);
                return Err(InputError::at(
                    path,
                    text,
                    line,
                    column,
                    format!(
                        "scenario '{}' names service '{}', which the plan does not have",
                        scenario.name, name
                    ),
                )
                .with_help(format!("known services: {}", known.join(", ")))
                .into());
            }
        }
    }
    Ok(())
}

/// Figures a snapshot must have for any verdict to mean something.
pub fn check_snapshot(
    path: &Path,
    text: &str,
    snapshot: &crate::model::Snapshot,
) -> Result<(), Box<InputError>> {
    let at = |key: &str, message: &str| {
        let (line, column) = locate(text, key, key);
        Box::new(InputError::at(
            path,
            text,
            line,
            column,
            message.to_string(),
        ))
    };
    if snapshot.host.cpu.cores.0 <= 0.0 {
        return Err(at(
            "cores",
            "'host.cpu.cores' is 0: expected the number of cores online, more than 0",
        ));
    }
    if snapshot.host.memory.total.0 == 0 {
        return Err(at(
            "total",
            "'host.memory.total' is 0: expected MemTotal, more than 0",
        ));
    }
    Ok(())
}
