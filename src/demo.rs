//! placeholder
pub async fn run<R, W>(_r: R, _w: W) -> anyhow::Result<()> {
    Ok(())
}
