//! Logging setup shared by the simulator binary and the examples.

use tracing_subscriber::EnvFilter;

/// Returns the log filter from `RUST_LOG`, or `default` when it is unset or empty.
pub fn log_filter(default: &str) -> EnvFilter {
    let configured = std::env::var("RUST_LOG")
        .ok()
        .filter(|directives| !directives.trim().is_empty())
        .unwrap_or_else(|| default.to_owned());

    EnvFilter::new(with_quiet_yaserde(&configured))
}

/// Adds `yaserde=warn` to `directives` unless one of them sets the `yaserde` target itself.
///
/// `yaserde` logs every XML event it reads at DEBUG level, passwords included. A directive for
/// one of its modules (`yaserde::ser=info`) leaves the others under this one.
fn with_quiet_yaserde(directives: &str) -> String {
    let sets_yaserde = directives
        .split(',')
        .any(|directive| directive.split('=').next().map(str::trim) == Some("yaserde"));
    if sets_yaserde {
        return directives.to_owned();
    }

    format!("{directives},yaserde=warn")
}

/// Installs a `tracing` subscriber that writes to standard error with [`log_filter`], in colour
/// only when standard error is a terminal.
pub fn init(default: &str) {
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    tracing_subscriber::fmt()
        .with_env_filter(log_filter(default))
        .with_writer(std::io::stderr)
        .with_ansi(ansi)
        .init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaserde_quiet_unless_named() {
        assert_eq!(with_quiet_yaserde("debug"), "debug,yaserde=warn");
        assert_eq!(
            with_quiet_yaserde("debug,yaserde::ser=info"),
            "debug,yaserde::ser=info,yaserde=warn"
        );
        assert_eq!(
            with_quiet_yaserde("info,yaserde=debug"),
            "info,yaserde=debug"
        );
    }
}
