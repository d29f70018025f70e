//! The `concur` command: parses the arguments, runs the command they name, and turns errors into
//! exit codes (0 a report was made; 1 a report was made and `--fail-on` found what it names; 2
//! bad usage or unusable input). Everything else is in the library's `cli` module.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = concur::cli::Cli::from_env();
    match concur::cli::run(cli).and_then(concur::cli::Outcome::deliver) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("concur: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
