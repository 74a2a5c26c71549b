//! Reads `WSDL OPERATION DIRECTION` on the first line of stdin and a SOAP envelope after it,
//! decodes the envelope with the generated types of that operation, and prints the envelope
//! they encode to. Exits 1 with the cause on stderr when any step fails.
//!
//! With the argument `--list-wsdls`, prints `LABEL PATH` for each WSDL instead.

use std::io::{Read, Write};
use std::process::ExitCode;

use wsdl_codegen_roundtrip::{dispatch, Direction, WSDLS};

/// Maximum input size read, so a runaway producer cannot exhaust memory.
const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("--list-wsdls") {
        for (label, path) in WSDLS {
            println!("{label} {path}");
        }
        return ExitCode::SUCCESS;
    }

    match round_trip() {
        Ok(envelope) => {
            let mut stdout = std::io::stdout();
            if stdout.write_all(envelope.as_bytes()).is_err() {
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("roundtrip: {message}");
            ExitCode::FAILURE
        }
    }
}

fn round_trip() -> Result<String, String> {
    let mut input = Vec::new();
    std::io::stdin()
        .take(MAX_INPUT_BYTES)
        .read_to_end(&mut input)
        .map_err(|error| format!("failed to read stdin: {error}"))?;

    let newline = input
        .iter()
        .position(|&byte| byte == b'\n')
        .ok_or("missing first line \"WSDL OPERATION DIRECTION\"")?;
    let (first_line, envelope) = input.split_at(newline);
    let first_line = String::from_utf8_lossy(first_line);
    let words: Vec<&str> = first_line.split_whitespace().collect();
    let [wsdl, operation, direction] = words[..] else {
        return Err(format!(
            "invalid first line \"{first_line}\"; expected \"WSDL OPERATION DIRECTION\""
        ));
    };
    let direction: Direction = direction.parse()?;

    dispatch(wsdl, operation, direction, &envelope[1..])
        .unwrap_or_else(|| Err(format!("no operation {operation} in WSDL {wsdl}")))
}
