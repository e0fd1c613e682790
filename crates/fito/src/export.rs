//! `fito export` (R-GEO-1, issue 15): the register as a GIS file through the same
//! use case as `GET /api/v1/objects/export` — same formats, same filters, streamed
//! chunk by chunk to a file or stdout, with a progress bar on stderr.

use anyhow::Context;
use fito_server::app::objects::spatial::Filters;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::Ordering;

#[derive(clap::Args)]
pub struct ExportArgs {
    /// geojson, kml, shapefile (zipped) or csv.
    #[arg(long)]
    format: String,
    /// Where to write; stdout when absent.
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Only this organisation and those below it (default: the whole register).
    #[arg(long)]
    organization: Option<uuid::Uuid>,
    /// west,south,east,north in degrees (WGS 84).
    #[arg(long)]
    bbox: Option<String>,
    /// Object type code.
    #[arg(long = "type")]
    type_code: Option<String>,
    /// active (default) or archived.
    #[arg(long)]
    status: Option<String>,
    /// Crop code.
    #[arg(long)]
    crop: Option<String>,
    /// KATO code: objects of this unit and the units below it.
    #[arg(long)]
    kato: Option<String>,
    /// EPPO code: objects where a survey found this organism.
    #[arg(long)]
    organism: Option<String>,
}

pub async fn export(
    config: fito_server::config::Config,
    args: ExportArgs,
) -> anyhow::Result<ExitCode> {
    use fito_server::app::export;
    let store = crate::open(&config).await?;
    store.migrate().await?;
    let app = fito_server::app::App::for_command_line(store, config)?;
    let lang =
        fito_server::i18n::Lang::from_accept_language(std::env::var("FITO_LANG").ok().as_deref());
    let refused = |e: fito_server::app::AppError| {
        anyhow::anyhow!("{} [{}]", app.i18n.message(lang, e.code, &e.args), e.code)
    };
    let filters = Filters {
        bbox: args.bbox,
        type_code: args.type_code,
        status: args.status,
        crop: args.crop,
        kato: args.kato,
        organism: args.organism,
    };
    let (mut file, total) =
        export::export_by_system(&app, &args.format, &filters, args.organization)
            .await
            .map_err(refused)?;
    let mut out: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        )),
        None => Box::new(std::io::stdout().lock()),
    };
    let bar = crate::progress_bar(total);
    let mut result = out.write_all(&file.first).map_err(anyhow::Error::from);
    while result.is_ok() {
        match file.rest.recv().await {
            Some(Ok(chunk)) => result = out.write_all(&chunk).map_err(Into::into),
            Some(Err(e)) => result = Err(refused(e)),
            None => break,
        }
        bar.set_position(file.written.load(Ordering::Relaxed));
    }
    let result = result.and_then(|_| out.flush().map_err(Into::into));
    bar.finish_and_clear();
    drop(out);
    let written = file.written.load(Ordering::Relaxed);
    match (result, &args.out) {
        (Ok(()), Some(path)) => {
            println!("exported {written} objects to {}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        (Ok(()), None) => {
            eprintln!("exported {written} objects");
            Ok(ExitCode::SUCCESS)
        }
        (Err(e), path) => {
            // Never leave a complete-looking partial file behind.
            if let Some(path) = path {
                let _ = std::fs::remove_file(path);
            }
            Err(e)
        }
    }
}
