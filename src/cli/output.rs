//! Where a report goes, written so that nothing else is lost: never over one of the inputs, never
//! a half-written file in place of a good one, and never a failed write passed over in silence.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

use crate::error::{Error, Result};

/// Writes a whole report to the writer it is given.
pub type Render<'a> = &'a mut dyn FnMut(&mut dyn Write) -> io::Result<()>;

/// Refuses an output file that is one of the inputs, however either is named: the same path
/// written another way (`./a.csv`, `sub/../a.csv`, an absolute path), a symbolic link, or a hard
/// link (the same file by device and inode, not by name).
pub fn refuse_inputs(output: &Path, inputs: &[PathBuf]) -> Result<()> {
    let same = |input: &PathBuf| {
        // An output that does not exist yet cannot be an input; one that cannot be looked at
        // is compared by name.
        same_file::is_same_file(output, input).unwrap_or_else(|_| output == input)
    };
    match inputs.iter().find(|input| same(input)) {
        Some(input) => Err(Error::Usage(format!(
            "--output {} is one of the input files ({}); concur never writes to its inputs",
            output.display(),
            input.display()
        ))),
        None => Ok(()),
    }
}

/// Writes a report to standard output. A reader that went away before the end
/// (`concur ... | head -1`) is not an error: the report stops there, quietly. Any other failure
/// (a full disk behind `> file`) is.
pub fn to_stdout(render: Render) -> Result<()> {
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    match render(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(source) => Err(Error::Write {
            what: "the report",
            to: "standard output".into(),
            source,
        }),
    }
}

/// Writes a report to the file at `path`. A regular file, or a new one, is written whole to a
/// temporary file in the same folder, which then replaces it in one step (a rename): a run that
/// fails or is interrupted leaves the previous report as it was, never part of a new one. A
/// symbolic link is followed and the file it leads to replaced the same way. What is not a
/// regular file (a FIFO, a terminal, `/dev/stdout`) is written in place.
pub fn to_file(path: &Path, render: Render) -> Result<()> {
    let failed = |source| Error::Write {
        what: "the report",
        to: path.display().to_string(),
        source,
    };
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let real = match is_link {
        // A link that leads nowhere is written through, as any program writing to it would.
        true => match fs::canonicalize(path) {
            Ok(real) => real,
            Err(_) => return in_place(path, render).map_err(failed),
        },
        false => path.to_path_buf(),
    };
    match fs::metadata(&real) {
        Ok(m) if m.is_file() => {
            if m.permissions().readonly() {
                return Err(failed(io::ErrorKind::PermissionDenied.into()));
            }
            replace(&real, Some(m.permissions()), render).map_err(failed)
        }
        Ok(m) if m.is_dir() => Err(failed(io::ErrorKind::IsADirectory.into())),
        Ok(_) => in_place(&real, render).map_err(failed),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            replace(&real, None, render).map_err(failed)
        }
        Err(e) => Err(failed(e)),
    }
}

fn in_place(path: &Path, render: Render) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 16, fs::File::create(path)?);
    render(&mut out)?;
    out.flush()
}

/// The temporary file being written, removed if the run is interrupted (Ctrl-C, `kill`).
static PENDING: Mutex<Option<PathBuf>> = Mutex::new(None);

/// On an interrupt, the temporary file goes and the process ends with 130, as it would have
/// without the handler. (Once set, the handler stays: the process ends soon after the write.)
fn remove_pending_on_interrupt() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Where no handler can be set, an interrupted run leaves a `.concur-*.tmp` file beside
        // the report, never a damaged report: not worth stopping the run for.
        let _ = ctrlc::set_handler(|| {
            if let Some(path) = PENDING.lock().ok().and_then(|mut p| p.take()) {
                let _ = fs::remove_file(path);
            }
            std::process::exit(130);
        });
    });
}

fn set_pending(path: Option<PathBuf>) {
    if let Ok(mut pending) = PENDING.lock() {
        *pending = path;
    }
}

/// Writes to a temporary file beside `path` and renames it over `path`, keeping the old file's
/// permissions (a new file gets what `File::create` would give it).
fn replace(path: &Path, permissions: Option<fs::Permissions>, render: Render) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".concur-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Narrowed by the umask, as for any new file.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    remove_pending_on_interrupt();
    let temp = builder.tempfile_in(dir)?;
    set_pending(Some(temp.path().to_path_buf()));
    let written = (|| {
        let mut out = BufWriter::with_capacity(1 << 16, temp.as_file());
        render(&mut out)?;
        out.flush()?;
        drop(out);
        if let Some(permissions) = permissions {
            temp.as_file().set_permissions(permissions)?;
        }
        // On disk before the rename: a crash must not leave an empty file in the report's place.
        temp.as_file().sync_all()
    })();
    let result = written.and_then(|()| temp.persist(path).map(drop).map_err(|e| e.error));
    set_pending(None);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &'static str) -> impl FnMut(&mut dyn Write) -> io::Result<()> {
        move |out: &mut dyn Write| out.write_all(s.as_bytes())
    }

    #[test]
    fn a_failed_write_leaves_the_previous_report_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("report.txt");
        to_file(&report, &mut text("first\n")).unwrap();
        assert_eq!(fs::read_to_string(&report).unwrap(), "first\n");
        let mut failing = |out: &mut dyn Write| {
            out.write_all(b"half of a sec")?;
            Err(io::Error::other("the disk went away"))
        };
        let err = to_file(&report, &mut failing).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!(
                "cannot write the report to {}: ",
                report.display()
            )),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&report).unwrap(), "first\n");
        to_file(&report, &mut text("second\n")).unwrap();
        assert_eq!(fs::read_to_string(&report).unwrap(), "second\n");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["report.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_report_keeps_its_permissions_and_a_link_stays_a_link() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("report.txt");
        fs::write(&report, "old").unwrap();
        fs::set_permissions(&report, fs::Permissions::from_mode(0o640)).unwrap();
        to_file(&report, &mut text("new")).unwrap();
        let mode = fs::metadata(&report).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);

        let link = dir.path().join("latest.txt");
        std::os::unix::fs::symlink("report.txt", &link).unwrap();
        to_file(&link, &mut text("through the link")).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&report).unwrap(), "through the link");

        fs::set_permissions(&report, fs::Permissions::from_mode(0o444)).unwrap();
        let err = to_file(&report, &mut text("no")).unwrap_err().to_string();
        assert!(err.ends_with("permission denied"), "{err}");
        assert_eq!(fs::read_to_string(&report).unwrap(), "through the link");
    }

    #[test]
    fn a_folder_or_a_missing_folder_is_named_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let err = to_file(dir.path(), &mut text("x")).unwrap_err().to_string();
        assert!(err.ends_with("it is a folder; name a file"), "{err}");
        let err = to_file(&dir.path().join("no/such/r.txt"), &mut text("x"))
            .unwrap_err()
            .to_string();
        assert!(err.ends_with("no such folder"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn hard_and_symbolic_links_to_an_input_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("log.csv");
        fs::write(&input, "start,type\n").unwrap();
        let hard = dir.path().join("out.csv");
        fs::hard_link(&input, &hard).unwrap();
        let soft = dir.path().join("soft.csv");
        std::os::unix::fs::symlink(&input, &soft).unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        let inputs = [input.clone()];
        for output in [&hard, &soft, &input, &dir.path().join("sub/../log.csv")] {
            assert!(refuse_inputs(output, &inputs).is_err(), "{output:?}");
        }
        assert!(refuse_inputs(&dir.path().join("report.csv"), &inputs).is_ok());
    }
}
