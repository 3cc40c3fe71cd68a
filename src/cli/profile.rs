//! `hostfit profile [--for 5m] (-- CMD ARGS | --pid N | --container NAME)`: follows a process
//! tree (one it starts, or one running) or a container over a window, under a progress bar,
//! and prints a service entry with tiers derived from the samples by the planner. A command it
//! started is stopped at the end (SIGTERM, then SIGKILL after five seconds); its standard
//! output goes to hostfit's standard error, so the entry alone is on standard output.

use super::args::LangArg;
use super::error::{CliError, Rendered};
use super::output::{Interrupt, Output};
use super::sampling::{pause, progress_bar};
use super::scan::SourceArgs;
use super::span::{parse_every, parse_positive_span};
use crate::model::{Bytes, WorkloadKind};
use crate::plan::profile::{Measured, profile};
use crate::probe::{self, Sampler, TreeSampler};
use crate::report::Lang;
use crate::report::messages::Msg;
use crate::report::profile::{ProfileView, write_yaml};
use clap::{ArgGroup, Args};
use std::os::fd::AsFd;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("target").required(true).args(["pid", "container", "command"])))]
pub struct ProfileArgs {
    /// How long to follow it
    #[arg(long = "for", value_name = "DURATION", default_value = "5m", value_parser = parse_positive_span)]
    pub window: Duration,
    /// One sample this often
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = parse_every)]
    pub every: Duration,
    /// Follow this running process and everything it starts
    #[arg(long, value_name = "N")]
    pub pid: Option<u32>,
    /// Follow this running container (Docker or Podman)
    #[arg(long, value_name = "NAME")]
    pub container: Option<String>,
    /// The directory the service writes its data to: disk from its growth over the window
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// The service's name in the entry; default the command's or the container's
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Write the entry to this file instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Language of the comments; default from LC_ALL, LC_MESSAGES or LANG
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Start this command and follow it (after '--')
    #[arg(last = true, value_name = "CMD")]
    pub command: Vec<String>,
}

/// What is followed.
enum Followed {
    Tree(TreeSampler, Option<Child>),
    Container(Box<Sampler>, String),
}

fn target_error(what: &str, error: impl ToString) -> CliError {
    CliError::ProfileTarget {
        what: what.to_string(),
        error: error.to_string(),
    }
}

fn start(command: &[String], what: &str) -> Result<Child, CliError> {
    let (program, rest) = command
        .split_first()
        .ok_or_else(|| target_error(what, "no command"))?;
    let stdout = std::io::stderr()
        .as_fd()
        .try_clone_to_owned()
        .map(Stdio::from)
        .unwrap_or_else(|_| Stdio::null());
    // A process group of its own: at the end the whole tree it started is stopped, not only
    // the command (a shell's children would otherwise live on).
    Command::new(program)
        .args(rest)
        .stdin(Stdio::null())
        .stdout(stdout)
        .process_group(0)
        .spawn()
        .map_err(|e| target_error(what, e))
}

/// Stops a command hostfit started and what it started in its process group: SIGTERM, then
/// SIGKILL to the group after five seconds.
fn stop(mut child: Child) {
    let group = rustix::process::Pid::from_raw(child.id() as i32);
    let signal = |s: rustix::process::Signal| {
        if let Some(pid) = group {
            let _ = rustix::process::kill_process_group(pid, s);
        }
    };
    signal(rustix::process::Signal::TERM);
    let end = Instant::now() + Duration::from_secs(5);
    let mut exited = false;
    while Instant::now() < end {
        if matches!(child.try_wait(), Ok(Some(_))) {
            exited = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // The command may be gone while a child of it lingers: the group gets SIGKILL either way
    // (an empty group just answers ESRCH).
    let gone =
        exited && group.is_some_and(|pid| rustix::process::test_kill_process_group(pid).is_err());
    if !gone {
        signal(rustix::process::Signal::KILL);
    }
    let _ = child.wait();
}

fn data_size(dir: Option<&Path>) -> Option<Bytes> {
    dir.and_then(|d| probe::disk_usage(d).ok())
}

pub fn run(args: &ProfileArgs, lang: Lang) -> Result<(), CliError> {
    let msg = Msg::new(lang);
    let output = Output::open(args.output.as_deref(), &[] as &[&Path])?;
    let root = PathBuf::from("/");
    let ticks = rustix::param::clock_ticks_per_second();
    let page = rustix::param::page_size() as u64;
    let (what, mut followed, mut name) = if let Some(pid) = args.pid {
        let what = format!("--pid {pid}");
        let sampler =
            TreeSampler::new(&root, pid, ticks, page).map_err(|e| target_error(&what, e))?;
        let name = sampler.name();
        (what, Followed::Tree(sampler, None), name)
    } else if let Some(container) = &args.container {
        let what = format!("--container {container}");
        let (config, _) =
            super::scan::config_for(&SourceArgs::default(), super::clock::now_rfc3339())?;
        let sampler =
            Sampler::new(config, Duration::from_secs(60)).map_err(|e| target_error(&what, e))?;
        (
            what,
            Followed::Container(Box::new(sampler), container.clone()),
            Some(container.clone()),
        )
    } else {
        let what = format!("'{}'", args.command.join(" "));
        let child = start(&args.command, &what)?;
        let sampler =
            TreeSampler::new(&root, child.id(), ticks, page).map_err(|e| target_error(&what, e))?;
        let name = args.command.first().map(|c| {
            Path::new(c)
                .file_name()
                .map_or_else(|| c.clone(), |n| n.to_string_lossy().into_owned())
        });
        (what, Followed::Tree(sampler, Some(child)), name)
    };
    if let Some(n) = &args.name {
        name = Some(n.clone());
    }
    let interrupt = Interrupt::catch();
    let bar = progress_bar(args.window, msg.t("history.progress.profiling"));
    let begin = Instant::now();
    let mut m = Measured::default();
    let first_disk = data_size(args.data_dir.as_deref());
    let mut first_at: Option<Instant> = None;
    let mut last_at = begin;
    let mut tick: u32 = 0;
    let result = loop {
        let reading = match &mut followed {
            Followed::Tree(sampler, _) => match sampler.sample() {
                Ok(Some(r)) => Some((r.memory, r.cpu)),
                Ok(None) => None,
                Err(e) => break Err(target_error(&what, e)),
            },
            Followed::Container(sampler, wanted) => {
                match sampler.sample(&super::clock::now_rfc3339()) {
                    Ok(r) => r
                        .workloads
                        .into_iter()
                        .find(|w| w.kind == WorkloadKind::Container && &w.name == wanted)
                        .map(|w| (w.memory, w.cpu)),
                    Err(e) => break Err(target_error(&what, e)),
                }
            }
        };
        let Some((memory, cpu)) = reading else {
            if m.memory.is_empty() {
                break Err(target_error(&what, "not running"));
            }
            break Ok(());
        };
        let now = Instant::now();
        first_at.get_or_insert(now);
        last_at = now;
        m.memory.push(memory.0 as f64);
        m.cpu.extend(cpu.map(|c| c.0));
        bar.set_position(begin.elapsed().as_secs().min(args.window.as_secs()));
        bar.set_message(format!("({})", m.memory.len()));
        tick = tick.saturating_add(1);
        let due = args.every.saturating_mul(tick);
        if due > args.window || interrupt.came() {
            break Ok(());
        }
        pause(due.saturating_sub(begin.elapsed()), &interrupt);
    };
    bar.finish_and_clear();
    drop(interrupt);
    if let Followed::Tree(_, Some(child)) = followed {
        stop(child);
    }
    result?;
    m.window_seconds = first_at.map_or(0.0, |f| last_at.duration_since(f).as_secs_f64());
    m.disk = first_disk.zip(data_size(args.data_dir.as_deref()));
    let p = profile(&m).ok_or_else(|| target_error(&what, "no sample"))?;
    let name = name.unwrap_or_else(|| "service".into());
    let view = ProfileView {
        name: &name,
        what: &what,
        container: args.container.is_some(),
        profile: &p,
    };
    let mut bytes = Vec::new();
    write_yaml(&view, lang, &mut bytes).map_err(|e| CliError::Render {
        what: Rendered::Report,
        error: e.to_string(),
    })?;
    output.write(&bytes)
}
