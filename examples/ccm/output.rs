//! Prints outcomes and failures as text or JSON, and picks the exit status.

use std::process::ExitCode;

use clap::ValueEnum;
use serde_json::{json, Value};

use crate::commands::{Failure, Outcome};
use crate::support::service::hint;

/// Exit status when a call failed.
const EXIT_CALL_FAILED: u8 = 1;
/// Exit status for invalid arguments or settings, as clap uses for usage errors.
const EXIT_USAGE: u8 = 2;
/// Exit status when the order is still being processed.
const EXIT_PENDING: u8 = 3;

/// Prints a line on standard output like `println!`, without panicking when the reader has
/// closed the pipe (as `ccm types | head -1` does).
macro_rules! outln {
    ($($arg:tt)*) => {
        write_stdout(&format!("{}\n", format_args!($($arg)*)))
    };
}

/// Writes `text` to standard output. A closed pipe means the reader has taken what it wanted,
/// so the process ends quietly with status 0. Any other write failure ends it with status 1.
fn write_stdout(text: &str) {
    use std::io::Write;

    let Err(error) = std::io::stdout().lock().write_all(text.as_bytes()) else {
        return;
    };
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("error: cannot write to standard output: {error}");
    std::process::exit(i32::from(EXIT_CALL_FAILED));
}

/// Prints the result of a subcommand and returns the exit status.
pub fn print(result: Result<Outcome, Failure>, json: bool) -> ExitCode {
    match result {
        Ok(outcome) => {
            let pending = matches!(outcome, Outcome::Pending { .. });
            if json {
                outln!("{:#}", outcome_json(&outcome));
            } else {
                print_text(&outcome);
            }
            if pending {
                ExitCode::from(EXIT_PENDING)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(failure) => print_failure(&failure, json),
    }
}

fn print_text(outcome: &Outcome) {
    match outcome {
        Outcome::Info(info) => outln!("{info}"),
        Outcome::Types(types) => {
            if types.is_empty() {
                outln!("no certificate types");
            }
            for cert_type in types {
                outln!(
                    "{:>6}  {}  (terms in years: {})",
                    cert_type.id,
                    cert_type.name.as_deref().unwrap_or("(no name)"),
                    join(&cert_type.terms)
                );
            }
        }
        Outcome::Type(cert_type) => {
            outln!("id:                  {}", cert_type.id);
            outln!(
                "name:                {}",
                cert_type.name.as_deref().unwrap_or("")
            );
            outln!(
                "description:         {}",
                cert_type.description.as_deref().unwrap_or("")
            );
            outln!("terms (years):       {}", join(&cert_type.terms));
            outln!("key usages:          {}", cert_type.key_usages.join(", "));
            outln!(
                "extended key usages: {}",
                cert_type.extended_key_usages.join(", ")
            );
        }
        Outcome::CustomFields(fields) => {
            if fields.is_empty() {
                outln!("no custom fields");
            }
            for field in fields {
                let mandatory = if field.mandatory { " (mandatory)" } else { "" };
                outln!("{:>6}  {}{mandatory}", field.id, field.name);
            }
        }
        Outcome::Enrolled(order_number) => {
            outln!("{order_number}");
            eprintln!(
                "order {order_number} created; collect it with `ccm collect {order_number} --wait`"
            );
        }
        Outcome::Issued {
            order_number,
            certificate,
            summary,
            file,
            ..
        } => {
            match file {
                Some(file) => outln!("certificate of order {order_number} written to {file}"),
                None => write_stdout(&with_final_newline(certificate.text())),
            }
            if let Some(summary) = summary {
                eprintln!("{}", summary.to_lines());
            }
        }
        Outcome::Pending {
            order_number,
            waited: None,
        } => eprintln!(
            "order {order_number} is still being processed; collect it again later, or pass --wait"
        ),
        Outcome::Pending {
            order_number,
            waited: Some(waited),
        } => eprintln!(
            "order {order_number} is still being processed after {:.1} s and {} collect calls; \
             collect it again later, or wait longer with --wait-timeout SECONDS",
            waited.duration.as_secs_f64(),
            waited.attempts
        ),
        Outcome::Revoked(order_number) => {
            outln!("revoked the certificate of order {order_number}")
        }
        Outcome::RevokedSerial(serial) => {
            outln!("revoked the certificate with serial number {serial}")
        }
    }
}

fn outcome_json(outcome: &Outcome) -> Value {
    match outcome {
        Outcome::Info(info) => json!({ "web_service_info": info }),
        Outcome::Types(types) => json!({ "cert_types": types }),
        Outcome::Type(cert_type) => json!({ "cert_type": cert_type }),
        Outcome::CustomFields(fields) => json!({ "custom_fields": fields }),
        Outcome::Enrolled(order_number) => json!({ "order_number": order_number.get() }),
        Outcome::Issued {
            order_number,
            format,
            certificate,
            summary,
            file,
        } => json!({
            "order_number": order_number.get(),
            "status": "issued",
            "format": format.to_possible_value().map(|value| value.get_name().to_owned()),
            "certificate": certificate.text(),
            "first_certificate": summary,
            "file": file,
        }),
        Outcome::Pending {
            order_number,
            waited: None,
        } => json!({ "order_number": order_number.get(), "status": "pending" }),
        Outcome::Pending {
            order_number,
            waited: Some(waited),
        } => json!({
            "order_number": order_number.get(),
            "status": "pending",
            "waited_seconds": waited.duration.as_secs_f64(),
            "collect_calls": waited.attempts,
        }),
        Outcome::Revoked(order_number) => {
            json!({ "order_number": order_number.get(), "revoked": true })
        }
        Outcome::RevokedSerial(serial) => json!({ "serial_number": serial, "revoked": true }),
    }
}

/// Prints the failure on standard error (and as JSON on standard output with `--json`) and
/// returns the exit status.
fn print_failure(failure: &Failure, json: bool) -> ExitCode {
    let (message, status, hint, exit) = match failure {
        Failure::Usage(message) => (message.clone(), None, None, EXIT_USAGE),
        Failure::Local(message) => (message.clone(), None, None, EXIT_CALL_FAILED),
        Failure::Call(error) => (
            error.to_string(),
            error.status(),
            hint(error),
            call_exit_status(error),
        ),
    };

    eprintln!("error: {message}");
    if let Some(hint) = hint {
        eprintln!("hint: {hint}");
    }
    if json {
        let error = json!({
            "message": message,
            "status_code": status.map(|status| status.code()),
            "meaning": status.and_then(|status| status.description()),
            "hint": hint,
        });
        outln!("{:#}", json!({ "error": error }));
    }
    ExitCode::from(exit)
}

/// Returns [`EXIT_USAGE`] for an invalid client configuration, which stops the call before
/// anything is sent, and [`EXIT_CALL_FAILED`] for the rest. Rejected arguments arrive as
/// [`Failure::Usage`] instead.
fn call_exit_status(error: &ccm_device::Error) -> u8 {
    match error {
        ccm_device::Error::Config { .. } => EXIT_USAGE,
        _ => EXIT_CALL_FAILED,
    }
}

fn join(numbers: &[i32]) -> String {
    numbers
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn with_final_newline(text: &str) -> String {
    if text.ends_with('\n') {
        text.to_owned()
    } else {
        format!("{text}\n")
    }
}
