//! `fito-bench acts`: how fast fito-acts renders an inspection act to PDF (R-ACT-1:
//! p50 ≤ 100 ms), acts per second on several threads, and the same act printed from
//! HTML by headless Chromium for comparison.

mod chromium;
mod html;
mod sample;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use fito_acts::{ActRenderer, RendererConfig};

pub use sample::bench_act;

pub struct Options {
    pub iterations: usize,
    pub threads: usize,
    /// 0 skips Chromium.
    pub chromium_iterations: usize,
    pub chromium: Option<PathBuf>,
    /// Folder to keep one PDF of each kind in, for looking at.
    pub keep: Option<PathBuf>,
}

struct Stats {
    p50: Duration,
    p90: Duration,
    p99: Duration,
    mean: Duration,
    n: usize,
}

impl Stats {
    fn of(mut samples: Vec<Duration>) -> Self {
        samples.sort();
        let n = samples.len();
        // Nearest rank: the smallest sample with at least q of them at or below it.
        let rank = |q: f64| samples[((q * n as f64).ceil() as usize).clamp(1, n) - 1];
        Self {
            p50: rank(0.5),
            p90: rank(0.9),
            p99: rank(0.99),
            mean: samples.iter().sum::<Duration>() / n as u32,
            n,
        }
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e3)
}

fn row(name: &str, s: &Stats) {
    println!(
        "{name:<44} {:>5} {:>9} {:>9} {:>9} {:>9}",
        s.n,
        ms(s.p50),
        ms(s.p90),
        ms(s.p99),
        ms(s.mean)
    );
}

pub fn run(options: &Options) -> anyhow::Result<()> {
    anyhow::ensure!(
        options.iterations > 0 && options.threads > 0,
        "nothing to measure"
    );
    let started = Instant::now();
    let renderer = ActRenderer::new(RendererConfig::default())?;
    let setup = started.elapsed();
    let reference = bench_act(0);
    let first = Instant::now();
    let pdf = renderer.render(&reference)?;
    let first = first.elapsed();
    if let Some(dir) = &options.keep {
        std::fs::create_dir_all(dir)?;
        std::fs::write(dir.join("act-typst.pdf"), &pdf)?;
    }

    let same: Vec<Duration> = (0..options.iterations)
        .map(|_| timed(|| renderer.render(&reference)))
        .collect::<anyhow::Result<_>>()?;
    // Varied acts are built before the clock starts: only rendering is measured.
    let varied: Vec<Duration> = (1..=options.iterations as u64)
        .map(|i| {
            let act = bench_act(i);
            timed(|| renderer.render(&act))
        })
        .collect::<anyhow::Result<_>>()?;
    let (same, varied) = (Stats::of(same), Stats::of(varied));

    // Throughput: a fixed number of varied acts shared by `threads` threads.
    let count = options.iterations as u64;
    let next = AtomicU64::new(0);
    let offset = 10_000;
    let wall = Instant::now();
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let workers: Vec<_> = (0..options.threads)
            .map(|_| {
                scope.spawn(|| -> anyhow::Result<()> {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= count {
                            return Ok(());
                        }
                        renderer.render(&bench_act(offset + i))?;
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.join().expect("render thread panicked")?;
        }
        Ok(())
    })?;
    let wall = wall.elapsed();
    let per_second = count as f64 / wall.as_secs_f64();

    println!(
        "act: quarantine survey, kk-ru, {} findings, {} samples, {} measures, {} signatories; PDF {} KiB, {} cores",
        reference.survey.findings.len(),
        reference
            .survey
            .findings
            .iter()
            .map(|f| f.samples.len())
            .sum::<usize>(),
        reference.measures.len(),
        reference.signatures.len(),
        pdf.len() / 1024,
        std::thread::available_parallelism().map_or(0, |n| n.get()),
    );
    println!(
        "renderer start-up {} ms (fonts, labels, typst library); first render {} ms",
        ms(setup),
        ms(first)
    );
    println!();
    println!(
        "{:<44} {:>5} {:>9} {:>9} {:>9} {:>9}",
        "measurement (ms)", "n", "p50", "p90", "p99", "mean"
    );
    row("typst, same act, 1 thread", &same);
    row("typst, varied act, 1 thread", &varied);
    println!(
        "{:<44} {count:>5} acts in {:.2} s = {per_second:.1} acts/s",
        format!("typst, varied acts, {} threads", options.threads),
        wall.as_secs_f64()
    );

    if options.chromium_iterations > 0 {
        compare_with_chromium(options, &varied)?;
    }
    Ok(())
}

fn timed<T, E>(f: impl FnOnce() -> Result<T, E>) -> anyhow::Result<Duration>
where
    anyhow::Error: From<E>,
{
    let started = Instant::now();
    f()?;
    Ok(started.elapsed())
}

fn compare_with_chromium(options: &Options, typst: &Stats) -> anyhow::Result<()> {
    let chromium = options
        .chromium
        .clone()
        .unwrap_or_else(chromium::default_chromium);
    anyhow::ensure!(
        chromium.exists(),
        "{} is missing: apt-get install -y chromium, or pass --chromium-iterations 0",
        chromium.display()
    );
    let pages = html::HtmlActs::new()?;
    let dir = tempfile::tempdir()?;
    let n = options.chromium_iterations;
    // Each page is written before the clock starts; the clock covers loading and printing.
    let page = |i: u64| -> anyhow::Result<PathBuf> {
        let path = dir.path().join(format!("act-{i}.html"));
        std::fs::write(&path, pages.render(&bench_act(i)))?;
        Ok(path)
    };
    if let Some(keep) = &options.keep {
        std::fs::copy(page(0)?, keep.join("act.html"))?;
    }

    let mut warm = chromium::WarmBrowser::start(&chromium).context("start warm chromium")?;
    let first = warm.print(&page(0)?)?;
    if let Some(keep) = &options.keep {
        std::fs::write(keep.join("act-chromium.pdf"), &first)?;
    }
    let mut warm_times = Vec::with_capacity(n);
    for i in 1..=n as u64 {
        let html = page(i)?;
        let started = Instant::now();
        warm.print(&html)?;
        warm_times.push(started.elapsed());
    }
    drop(warm);
    let warm = Stats::of(warm_times);

    let profile = dir.path().join("profile");
    let pdf = dir.path().join("cold.pdf");
    chromium::cold_print(&chromium, &profile, &page(0)?, &pdf)?; // first-run profile set-up
    let cold: Vec<Duration> = (1..=n as u64)
        .map(|i| chromium::cold_print(&chromium, &profile, &page(i)?, &pdf))
        .collect::<anyhow::Result<_>>()?;
    let cold = Stats::of(cold);

    row("chromium warm, Page.printToPDF, varied", &warm);
    row("chromium cold, process per act, varied", &cold);
    println!();
    let ratio = |a: &Stats, b: &Stats| a.p50.as_secs_f64() / b.p50.as_secs_f64();
    println!(
        "p50 ratio typst/chromium: warm {:.2}, cold {:.3}  (HTML PDF {} KiB)",
        ratio(typst, &warm),
        ratio(typst, &cold),
        first.len() / 1024
    );
    Ok(())
}
