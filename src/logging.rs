//! Logging setup shared by the simulator binary and the examples.

use tracing_subscriber::EnvFilter;

/// Returns the log filter from `RUST_LOG`, or `default` when it is unset or empty.
///
/// `yaserde` logs every XML event it reads at DEBUG level, passwords included, so its target
/// stays at `warn` unless `RUST_LOG` names it.
pub fn log_filter(default: &str) -> EnvFilter {
    let configured = std::env::var("RUST_LOG")
        .ok()
        .filter(|directives| !directives.trim().is_empty())
        .unwrap_or_else(|| default.to_owned());
    if configured.contains("yaserde") {
        return EnvFilter::new(configured);
    }

    EnvFilter::new(format!("{configured},yaserde=warn"))
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
