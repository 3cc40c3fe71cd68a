//! `hostfit completions` and `hostfit man`: the shell completions (clap_complete) and the man
//! page (clap_mangen) made from the same definitions as `--help`, in the user's language, at
//! run time. A subcommand rather than a build script: the page follows `--lang` like everything
//! else, nothing is generated at build time, and packagers run `hostfit man > hostfit.1`.

use super::args::LangArg;
use super::error::{CliError, Rendered};
use super::output::Output;
use crate::report::Lang;
use crate::report::messages::Msg;
use clap::{Args, ValueEnum};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: ShellArg,
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShellArg {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command (`plan`, `export compose`...): its own page instead of hostfit's
    #[arg(value_name = "COMMAND", num_args = 0..)]
    pub command: Vec<String>,
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

fn render_failed(e: &std::io::Error) -> CliError {
    CliError::Render {
        what: Rendered::Listing,
        error: e.to_string(),
    }
}

/// Writes the completion script of `shell` to standard output.
pub fn completions(args: &CompletionsArgs, lang: Lang) -> Result<(), CliError> {
    let mut cmd = super::help::command(lang);
    let shell = match args.shell {
        ShellArg::Bash => clap_complete::Shell::Bash,
        ShellArg::Zsh => clap_complete::Shell::Zsh,
        ShellArg::Fish => clap_complete::Shell::Fish,
    };
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "hostfit", &mut out);
    Output::open(None, &[] as &[&str])?.write(&out)
}

/// Writes the man page of hostfit, or of one of its commands, to standard output.
pub fn man(args: &ManArgs, lang: Lang) -> Result<(), CliError> {
    let out = page(&args.command, lang)?;
    Output::open(None, &[] as &[&str])?.write(&out)
}

/// The roff page of the command at `path` (empty: hostfit itself), section headings in `lang`.
pub fn page(path: &[String], lang: Lang) -> Result<Vec<u8>, CliError> {
    let msg = Msg::new(lang);
    let mut cmd = super::help::command(lang);
    cmd.build();
    let mut name = "hostfit".to_string();
    for word in path {
        let Some(sub) = cmd.find_subcommand(word).cloned() else {
            return Err(CliError::UnknownCommand {
                name: format!("{name} {word}"),
            });
        };
        name = format!("{name}-{word}");
        cmd = sub.name(name.clone());
    }
    let man = clap_mangen::Man::new(cmd.clone())
        .title(name.to_uppercase())
        .section("1")
        .source(format!("hostfit {}", env!("CARGO_PKG_VERSION")))
        .manual(msg.t("help.man.manual"));
    let mut out = Vec::new();
    man.render_title(&mut out).map_err(|e| render_failed(&e))?;
    type Section = fn(&clap_mangen::Man, &mut dyn std::io::Write) -> std::io::Result<()>;
    let mut sections: Vec<(Section, Option<&str>)> = vec![
        (clap_mangen::Man::render_name_section, Some("help.man.name")),
        (
            clap_mangen::Man::render_synopsis_section,
            Some("help.man.synopsis"),
        ),
        (
            clap_mangen::Man::render_description_section,
            Some("help.man.description"),
        ),
        (clap_mangen::Man::render_options_section, None),
    ];
    if cmd.has_subcommands() {
        sections.push((clap_mangen::Man::render_subcommands_section, None));
    }
    if cmd.get_after_help().is_some() {
        sections.push((
            clap_mangen::Man::render_extra_section,
            Some("help.man.examples"),
        ));
    }
    for (render, heading) in sections {
        let mut part = Vec::new();
        render(&man, &mut part).map_err(|e| render_failed(&e))?;
        // Each section repeats the string definitions the title made: keep the title's only.
        let text: String = String::from_utf8_lossy(&part)
            .lines()
            .filter(|l| !l.starts_with(".ie \\n(.g .ds Aq") && !l.starts_with(".el .ds Aq"))
            .map(|l| format!("{l}\n"))
            .collect();
        let text = match (heading, text.split_once('\n')) {
            (Some(key), Some((first, rest))) if first.starts_with(".SH ") => {
                format!(".SH {}\n{rest}", msg.t(key))
            }
            _ => text,
        };
        out.extend_from_slice(text.as_bytes());
    }
    Ok(out)
}
