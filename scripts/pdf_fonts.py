"""Fonts for the sample-PDF scripts: where DejaVuSans is, and a slim subset of it.

No reportlab built-in font draws Vietnamese letters, so the Vietnamese PDFs embed DejaVuSans,
cut to the glyphs they use and without hinting to keep the files small.
"""

from __future__ import annotations

from pathlib import Path

DEJAVU_PLACES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
)


def dejavu_path() -> Path | None:
    """DejaVuSans.ttf from the system fonts or matplotlib's data folder, if either has it."""
    for p in DEJAVU_PLACES:
        if p.exists():
            return p
    try:
        import matplotlib

        p = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
        return p if p.exists() else None
    except ImportError:
        return None


def slim_font(src: Path, text: str, dst: Path, *, drop_tables: tuple[str, ...] = ("FFTM",),
              lean: bool = False) -> Path:
    """A copy of `src` with only the glyphs of `text` and no hinting; `lean` also drops the
    layout features and most name records (smallest file)."""
    from fontTools import subset

    opts = subset.Options()
    opts.hinting = False
    if lean:
        opts.layout_features = []
        opts.name_IDs = [1, 2, 3, 4, 6]
    opts.drop_tables += list(drop_tables)
    font = subset.load_font(str(src), opts)
    sub = subset.Subsetter(opts)
    sub.populate(text=text)
    sub.subset(font)
    subset.save_font(font, str(dst), opts)
    return dst
