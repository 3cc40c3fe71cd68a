//! Compose files as the source of a plan's services (`services_from:` or `--compose`): read,
//! parsed (anchors and merge keys expanded, unknown compose keys ignored, unknown `x-hostfit`
//! keys refused with a "did you mean"), turned into plan services by `model::compose`, and
//! added to the plan. Every problem is placed in the file it is about: a rule of the plan that
//! a compose service breaks is placed at the service in the compose file.

use super::error::CliError;
use super::input::parse_yaml;
use super::problems::check_yaml;
use super::read::read_text;
use crate::model::compose::{ComposeFile, ComposeServices, to_services};
use crate::model::{FieldPath, PlanFile, Problem, Segment};
use crate::report::Lang;
use std::path::{Path, PathBuf};

/// A compose file read into plan services.
#[derive(Debug, Clone)]
pub struct ComposeSource {
    pub path: PathBuf,
    pub text: String,
    pub services: ComposeServices,
}

/// Reads the compose file at `path` into plan services.
pub fn load(path: &Path, lang: Lang) -> Result<ComposeSource, CliError> {
    let text = read_text(path)?;
    let file: ComposeFile = parse_yaml(path, &text, lang)?;
    let services = match to_services(&file) {
        Ok(services) => services,
        Err(problems) => {
            check_yaml(path, &text, &problems, lang)?;
            ComposeServices::default()
        }
    };
    Ok(ComposeSource {
        path: path.to_path_buf(),
        text,
        services,
    })
}

/// Adds the compose services to the plan, after its own, and checks the plan's rules on the
/// whole: a problem of a compose service is placed in the compose file, at the service's
/// `x-hostfit` (or the service itself), any other in the plan file.
pub fn merge_and_check(
    plan: &mut PlanFile,
    plan_place: Option<(&Path, &str)>,
    compose: Option<&ComposeSource>,
    lang: Lang,
) -> Result<(), CliError> {
    let own = plan.services.len();
    if let Some(c) = compose {
        let twice: Vec<Problem> = c
            .services
            .services
            .iter()
            .filter(|s| plan.services.iter().any(|p| p.name == s.name))
            .map(|s| {
                Problem::new(
                    FieldPath::root().key("services").key(s.name.clone()),
                    "problem.compose.duplicate",
                )
                .arg("name", &s.name)
            })
            .collect();
        check_yaml(&c.path, &c.text, &twice, lang)?;
        plan.services.extend(c.services.services.iter().cloned());
    }
    let Some(first) = plan.problems().into_iter().next() else {
        return Ok(());
    };
    let in_compose = match first.path.segments() {
        [Segment::Key(k), Segment::Index(i), rest @ ..] if k == "services" && *i >= own => plan
            .services
            .get(*i)
            .map(|s| (s.name.clone(), rest.to_vec())),
        _ => None,
    };
    match (in_compose, compose, plan_place) {
        (Some((name, rest)), Some(c), _) => {
            let mut path = FieldPath::root().key("services").key(name).key("x-hostfit");
            for segment in rest {
                path = match segment {
                    Segment::Key(k) => path.key(k),
                    Segment::Index(i) => path.index(i),
                };
            }
            let moved = Problem { path, ..first };
            Ok(check_yaml(&c.path, &c.text, &[moved], lang)?)
        }
        (_, _, Some((path, text))) => Ok(check_yaml(path, text, &[first], lang)?),
        (_, Some(c), None) => Ok(check_yaml(&c.path, &c.text, &[first], lang)?),
        (_, None, None) => Ok(check_yaml(Path::new("-"), "", &[first], lang)?),
    }
}
