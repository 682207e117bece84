//! The Rust in `docs/embedding.md` is real code: every block marked
//! `<!-- verbatim: PATH -->` appears line for line in PATH (a file of the workspace that is
//! built and run by the tests: this example, or a doc example of the `dbm` crate), ignoring
//! indentation and the `///` of doc comments.

use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A line without its indentation and doc-comment marker.
fn normal(line: &str) -> &str {
    let line = line.trim_start();
    let line = line
        .strip_prefix("///")
        .or_else(|| line.strip_prefix("//!"))
        .unwrap_or(line);
    line.trim()
}

/// The blocks of `doc` marked verbatim: (the path, the block's lines).
fn marked(doc: &str) -> Vec<(String, Vec<String>)> {
    let mut blocks = Vec::new();
    let mut lines = doc.lines();
    while let Some(line) = lines.next() {
        let Some(path) = line
            .trim()
            .strip_prefix("<!-- verbatim: ")
            .and_then(|rest| rest.strip_suffix(" -->"))
        else {
            continue;
        };
        let fence = lines.next().unwrap_or_default();
        assert_eq!(
            fence, "```rust",
            "a verbatim mark for {path} is not above a rust block"
        );
        let body: Vec<String> = lines
            .by_ref()
            .take_while(|line| *line != "```")
            .map(str::to_owned)
            .collect();
        blocks.push((path.to_owned(), body));
    }
    blocks
}

#[test]
fn every_marked_block_of_embedding_md_is_in_its_file() {
    let doc =
        std::fs::read_to_string(workspace().join("docs/embedding.md")).expect("docs/embedding.md");
    let blocks = marked(&doc);
    assert!(blocks.len() >= 5, "{} marked blocks", blocks.len());
    for (path, body) in blocks {
        let text = std::fs::read_to_string(workspace().join(&path))
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        let file: Vec<&str> = text.lines().map(normal).collect();
        let want: Vec<&str> = body.iter().map(|line| normal(line)).collect();
        assert!(
            file.windows(want.len())
                .any(|window| window == want.as_slice()),
            "docs/embedding.md: this block is not in {path}:\n{}",
            body.join("\n")
        );
    }
}

#[test]
fn a_changed_block_is_found_out() {
    let doc = "<!-- verbatim: x.rs -->\n```rust\nlet a = 1;\n```\n";
    let blocks = marked(doc);
    assert_eq!(
        blocks,
        vec![("x.rs".to_owned(), vec!["let a = 1;".to_owned()])]
    );
    let file = ["fn f() {", "    let a = 2;", "}"].map(normal);
    let want = ["let a = 1;"];
    assert!(!file.windows(1).any(|w| w == want));
}
