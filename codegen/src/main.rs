//! Command-line front end of `wsdl-codegen`.
//!
//! ```text
//! wsdl-codegen generate WSDL [-o FILE] [--serde] [--server] [--map-location URL=FILE]...
//!                            [--prefix NAMESPACE=PREFIX]... [--check FILE] [--verbose]
//! wsdl-codegen inspect WSDL [--map-location URL=FILE]... [--verbose]
//! ```
//!
//! Warnings go to standard error, one line per kind of skipped construct; `--verbose` lists
//! every place instead.
//!
//! Exit status: 0 on success, 1 when `--check` finds the file out of date, 2 for invalid
//! arguments or a WSDL that cannot be generated.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use wsdl_codegen::{summarize, Config, Error, Warning};

mod inspect;

const USAGE: &str = "\
usage:
  wsdl-codegen generate WSDL [options]   print Rust code for WSDL
  wsdl-codegen inspect WSDL [options]    list services, ports, operations and types

options:
  -o, --output FILE            write the code to FILE instead of standard output
      --check FILE             compare FILE with the code instead of writing it; exit 1 when it differs
      --serde                  also derive serde::Serialize and serde::Deserialize
      --server                 also generate a Handler trait and a dispatch function per binding
      --map-location URL=FILE  read FILE where an import names URL (repeatable)
      --prefix NAMESPACE=PREFIX  write PREFIX for NAMESPACE (repeatable)
  -v, --verbose                print every warning, instead of one line per kind
  -h, --help                   print this help
  -V, --version                print the version";

/// Parsed command line.
#[derive(Debug, Default)]
struct Arguments {
    command: String,
    wsdl: Option<PathBuf>,
    output: Option<PathBuf>,
    check: Option<PathBuf>,
    verbose: bool,
    config: Config,
}

fn main() -> ExitCode {
    let arguments = match parse(std::env::args().skip(1)) {
        Ok(Some(arguments)) => arguments,
        Ok(None) => return ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };

    match run(&arguments) {
        Ok(code) => code,
        Err(error) => {
            for line in error.to_string().lines() {
                eprintln!("error: {line}");
            }
            ExitCode::from(2)
        }
    }
}

/// Parses the arguments; `Ok(None)` when help or the version was printed.
fn parse(args: impl Iterator<Item = String>) -> Result<Option<Arguments>, String> {
    let mut arguments = Arguments::default();
    let mut args = args.peekable();

    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("option {name} needs a value"))
        };
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(None);
            }
            "-V" | "--version" => {
                println!("wsdl-codegen {}", env!("CARGO_PKG_VERSION"));
                return Ok(None);
            }
            "-o" | "--output" => arguments.output = Some(PathBuf::from(value(&arg)?)),
            "--check" => arguments.check = Some(PathBuf::from(value(&arg)?)),
            "-v" | "--verbose" => arguments.verbose = true,
            "--serde" => arguments.config = std::mem::take(&mut arguments.config).serde(true),
            "--server" => arguments.config = std::mem::take(&mut arguments.config).server(true),
            "--map-location" => {
                let (url, file) = split_pair(&value(&arg)?, "--map-location", "URL=FILE")?;
                arguments.config = std::mem::take(&mut arguments.config).map_location(url, file);
            }
            "--prefix" => {
                let (namespace, prefix) = split_prefix(&value(&arg)?)?;
                arguments.config = std::mem::take(&mut arguments.config).prefix(namespace, prefix);
            }
            other if other.starts_with('-') => return Err(format!("unknown option {other}")),
            other if arguments.command.is_empty() => arguments.command = other.to_owned(),
            other if arguments.wsdl.is_none() => arguments.wsdl = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }

    if !matches!(arguments.command.as_str(), "generate" | "inspect") {
        return Err(if arguments.command.is_empty() {
            "missing command: generate or inspect".to_owned()
        } else {
            format!(
                "unknown command {:?}: expected generate or inspect",
                arguments.command
            )
        });
    }
    if arguments.wsdl.is_none() {
        return Err(format!("missing WSDL file after {}", arguments.command));
    }
    Ok(Some(arguments))
}

/// Splits `KEY=VALUE` at the last `=`, since URLs may hold `=` but file names rarely do.
fn split_pair(text: &str, option: &str, shape: &str) -> Result<(String, String), String> {
    match text.rsplit_once('=') {
        Some((key, value)) if !key.is_empty() && !value.is_empty() => {
            Ok((key.to_owned(), value.to_owned()))
        }
        _ => Err(format!("invalid {option} value {text:?}: expected {shape}")),
    }
}

/// Splits `NAMESPACE=PREFIX` at the last `=` (a prefix holds no `=`).
fn split_prefix(text: &str) -> Result<(String, String), String> {
    split_pair(text, "--prefix", "NAMESPACE=PREFIX")
}

fn run(arguments: &Arguments) -> Result<ExitCode, Error> {
    let Some(wsdl) = &arguments.wsdl else {
        return Ok(ExitCode::from(2));
    };
    if arguments.command == "inspect" {
        return inspect::run(&arguments.config, wsdl, arguments.verbose);
    }

    let generated = arguments.config.generate(wsdl)?;
    print_warnings(&generated.warnings, arguments.verbose);

    if let Some(check) = &arguments.check {
        return Ok(check_file(check, &generated.code));
    }
    match &arguments.output {
        Some(path) => std::fs::write(path, &generated.code).map_err(|source| Error::Output {
            path: path.clone(),
            source,
        })?,
        None => return Ok(print_code(&generated.code)),
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints every warning when `verbose`, and otherwise one line per kind with a hint to
/// `--verbose` when a kind occurs more than once.
pub(crate) fn print_warnings(warnings: &[Warning], verbose: bool) {
    if verbose {
        for warning in warnings {
            eprintln!("warning: {warning}");
        }
        return;
    }

    let summaries = summarize(warnings);
    for summary in &summaries {
        eprintln!("warning: {summary}");
    }
    if summaries.iter().any(|summary| summary.count > 1) {
        eprintln!("note: run again with --verbose to list every place");
    }
}

/// Writes `code` to standard output. When the reader closes the pipe early (`| head`), the
/// program ends quietly with status 0, as other command-line tools do. Any other write error
/// is reported with status 2.
fn print_code(code: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(code.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: failed to write the code to standard output: {error}");
            ExitCode::from(2)
        }
    }
}

/// Compares `path` with `code` and prints a summary of the first difference.
fn check_file(path: &std::path::Path, code: &str) -> ExitCode {
    let existing = match std::fs::read_to_string(path) {
        Ok(existing) => existing,
        Err(error) => {
            eprintln!(
                "{} is out of date: failed to read it ({error})",
                path.display()
            );
            return ExitCode::from(1);
        }
    };
    if existing == code {
        return ExitCode::SUCCESS;
    }

    let old_lines: Vec<&str> = existing.lines().collect();
    let new_lines: Vec<&str> = code.lines().collect();
    if old_lines == new_lines {
        eprintln!(
            "{} is out of date: it differs only in line endings (CRLF) or the final newline; \
             rewrite it with generate -o FILE",
            path.display()
        );
        return ExitCode::from(1);
    }
    let (first, old_end, new_end) = changed_region(&old_lines, &new_lines);

    eprintln!(
        "{} is out of date: {} of its {} lines (from line {}) are replaced by {} generated lines",
        path.display(),
        old_end - first,
        old_lines.len(),
        first + 1,
        new_end - first
    );
    eprintln!(
        "  file:      {}",
        old_lines.get(first).unwrap_or(&"(end of file)")
    );
    eprintln!(
        "  generated: {}",
        new_lines.get(first).unwrap_or(&"(end of file)")
    );
    ExitCode::from(1)
}

/// Returns the lines that differ once the common first and last lines are set aside: the
/// first differing index, and the end of the differing run in `old` and in `new`.
fn changed_region(old: &[&str], new: &[&str]) -> (usize, usize, usize) {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();

    (prefix, old.len() - suffix, new.len() - suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_region_skips_shifted_lines() {
        let old = ["a", "b", "c", "d"];
        let inserted = ["a", "b", "x", "c", "d"];
        let replaced = ["a", "y", "z", "d"];

        assert_eq!(changed_region(&old, &inserted), (2, 2, 3));
        assert_eq!(changed_region(&old, &replaced), (1, 3, 3));
        assert_eq!(changed_region(&old, &old[..2]), (2, 4, 2));
    }

    fn args(text: &str) -> impl Iterator<Item = String> + '_ {
        text.split_whitespace().map(str::to_owned)
    }

    #[test]
    fn generate_with_options() {
        let parsed = parse(args(
            "generate a.wsdl -o out.rs --serde --check x.rs --verbose",
        ))
        .unwrap()
        .unwrap();

        assert_eq!(parsed.command, "generate");
        assert!(parsed.verbose);
        assert_eq!(parsed.wsdl, Some(PathBuf::from("a.wsdl")));
        assert_eq!(parsed.output, Some(PathBuf::from("out.rs")));
        assert_eq!(parsed.check, Some(PathBuf::from("x.rs")));
    }

    #[test]
    fn unknown_option_fails() {
        let error = parse(args("generate a.wsdl --fast")).unwrap_err();

        assert_eq!(error, "unknown option --fast");
    }

    #[test]
    fn missing_wsdl_fails() {
        let error = parse(args("inspect")).unwrap_err();

        assert_eq!(error, "missing WSDL file after inspect");
    }

    #[test]
    fn map_location_needs_pair() {
        let error = parse(args("generate a.wsdl --map-location nothing")).unwrap_err();

        assert!(error.contains("expected URL=FILE"), "{error}");
    }

    #[test]
    fn map_location_splits_at_last_equals() {
        let (url, file) = split_pair("https://x/S?xsd=1=s.xsd", "--map-location", "").unwrap();

        assert_eq!(url, "https://x/S?xsd=1");
        assert_eq!(file, "s.xsd");
    }
}
