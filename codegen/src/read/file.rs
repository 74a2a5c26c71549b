//! Reading one input file with the checks that keep a bad path from hanging the generator or
//! exhausting memory.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The largest input file the generator reads: 64 MiB, far above any real WSDL or schema.
pub(crate) const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads the whole regular file at `path`.
///
/// Fails with [`io::ErrorKind::InvalidInput`] for anything but a regular file (a directory,
/// FIFO or device, which could block forever or never end) and for a file larger than
/// [`MAX_FILE_BYTES`].
pub(crate) fn read_input(path: &Path) -> io::Result<Vec<u8>> {
    // Checked before opening, because opening a FIFO blocks until a writer appears.
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        return Err(not_a_file(&metadata));
    }

    let file = File::open(path)?;
    let size = file.metadata()?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(size));
    }

    // The file can grow after the size check, so the read stops one byte past the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn not_a_file(metadata: &std::fs::Metadata) -> io::Error {
    let kind = if metadata.is_dir() {
        "a directory"
    } else {
        "a FIFO, socket or device"
    };
    let message = format!("the path is {kind}, not a WSDL or XML Schema file");
    io::Error::new(io::ErrorKind::InvalidInput, message)
}

fn too_large(size: u64) -> io::Error {
    let message = format!(
        "the file has {size} bytes, more than the limit of {MAX_FILE_BYTES} bytes (64 MiB) for an input file"
    );
    io::Error::new(io::ErrorKind::InvalidInput, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_is_rejected() {
        let error = read_input(&std::env::temp_dir()).unwrap_err();

        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert!(error.to_string().contains("is a directory"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn device_is_rejected() {
        let error = read_input(Path::new("/dev/zero")).unwrap_err();

        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert!(
            error.to_string().contains("a FIFO, socket or device"),
            "{error}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn fifo_is_rejected_without_blocking() {
        let dir = std::env::temp_dir().join(format!("wsdl-read-fifo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("schema.xsd");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo is installed");
        assert!(status.success(), "mkfifo failed: {status}");

        let error = read_input(&fifo).unwrap_err();

        assert!(
            error.to_string().contains("a FIFO, socket or device"),
            "{error}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn oversized_file_is_rejected() {
        let dir = std::env::temp_dir().join(format!("wsdl-read-large-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("large.xsd");
        // A sparse file: the size is set without writing 64 MiB.
        File::create(&path)
            .unwrap()
            .set_len(MAX_FILE_BYTES + 1)
            .unwrap();

        let error = read_input(&path).unwrap_err();

        assert!(
            error
                .to_string()
                .contains("more than the limit of 67108864 bytes"),
            "{error}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn regular_file_is_read() {
        let dir = std::env::temp_dir().join(format!("wsdl-read-ok-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("small.xsd");
        std::fs::write(&path, "<schema/>").unwrap();

        assert_eq!(read_input(&path).unwrap(), b"<schema/>");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
