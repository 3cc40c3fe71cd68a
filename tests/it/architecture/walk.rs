//! The walk behind `architecture.rs`: each source file parsed with syn, the modules it
//! declares, the names its `use` items bind, and every path it names (in `use` trees, code,
//! types and macro calls), resolved by `resolve`. Judging the paths is the caller's business.

use super::resolve::{ModPath, Scope, Target, flatten_use, module_of};
use std::path::Path;
use syn::visit::Visit;

/// One path found in a file, before it is judged.
#[derive(Debug, Clone)]
pub(super) struct Found {
    /// The module the path is written in.
    pub(super) module: ModPath,
    /// As written, `::`-joined, with `*` for a glob.
    pub(super) written: String,
    pub(super) target: Target,
    pub(super) glob: bool,
    /// Inside a `#[cfg(test)]` item or a `#[test]` function.
    pub(super) in_test: bool,
    /// The item it sits in, for the message (`fn analyze`, `use`).
    pub(super) context: String,
}

/// True when a `cfg` predicate can hold only in a test build: `test`, `all(.., test, ..)`, or
/// `any(..)` of such predicates.
fn cfg_implies_test(meta: &syn::Meta) -> bool {
    match meta {
        syn::Meta::Path(p) => p.is_ident("test"),
        syn::Meta::List(list) => {
            let nested = list.parse_args_with(
                syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
            );
            let Ok(nested) = nested else { return false };
            if list.path.is_ident("all") {
                nested.iter().any(cfg_implies_test)
            } else if list.path.is_ident("any") {
                !nested.is_empty() && nested.iter().all(cfg_implies_test)
            } else {
                false
            }
        }
        syn::Meta::NameValue(_) => false,
    }
}

/// True for `#[path = ..]`, and for `#[cfg_attr(.., path = ..)]`, which is one on some builds.
fn moves_the_module(a: &syn::Attribute) -> bool {
    if a.path().is_ident("path") {
        return true;
    }
    a.path().is_ident("cfg_attr")
        && a.parse_args_with(
            syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
        )
        .is_ok_and(|metas| metas.iter().skip(1).any(|m| m.path().is_ident("path")))
}

/// True for `#[test]`, `#[cfg(test)]` and the like on an item.
fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("test")
            || (a.path().is_ident("cfg")
                && a.parse_args::<syn::Meta>()
                    .is_ok_and(|m| cfg_implies_test(&m)))
    })
}

fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    use syn::Item::*;
    match item {
        Const(i) => &i.attrs,
        Enum(i) => &i.attrs,
        ExternCrate(i) => &i.attrs,
        Fn(i) => &i.attrs,
        ForeignMod(i) => &i.attrs,
        Impl(i) => &i.attrs,
        Macro(i) => &i.attrs,
        Mod(i) => &i.attrs,
        Static(i) => &i.attrs,
        Struct(i) => &i.attrs,
        Trait(i) => &i.attrs,
        TraitAlias(i) => &i.attrs,
        Type(i) => &i.attrs,
        Union(i) => &i.attrs,
        Use(i) => &i.attrs,
        _ => &[],
    }
}

fn item_context(item: &syn::Item) -> String {
    use syn::Item::*;
    match item {
        Fn(i) => format!("fn {}", i.sig.ident),
        Mod(i) => format!("mod {}", i.ident),
        Struct(i) => format!("struct {}", i.ident),
        Enum(i) => format!("enum {}", i.ident),
        Trait(i) => format!("trait {}", i.ident),
        Impl(i) => {
            let ty = &i.self_ty;
            match ty.as_ref() {
                syn::Type::Path(p) => format!(
                    "impl {}",
                    p.path
                        .segments
                        .last()
                        .map(|s| s.ident.to_string())
                        .unwrap_or_default()
                ),
                _ => "impl".to_string(),
            }
        }
        Const(i) => format!("const {}", i.ident),
        Static(i) => format!("static {}", i.ident),
        Type(i) => format!("type {}", i.ident),
        Use(_) => "use".to_string(),
        Macro(_) => "macro".to_string(),
        _ => "item".to_string(),
    }
}

/// Walks one file: the inline modules it declares, the bindings its `use` items make, and
/// every path it names. Two passes share it: `collect_only` gathers modules and bindings.
struct Walker<'s> {
    scope: &'s mut Scope,
    collect_only: bool,
    module: ModPath,
    tests: usize,
    context: Vec<String>,
    found: Vec<Found>,
    /// String literals outside attributes and test items, for the probe rule.
    literals: Vec<(String, String)>,
    /// Macros called outside test items: (module, context, name).
    macros: Vec<(ModPath, String, String)>,
    /// Methods called outside test items: (module, context, name).
    methods: Vec<(ModPath, String, String)>,
    /// Modules declared with `#[path]` outside test items: (module, context).
    moved: Vec<(ModPath, String)>,
}

impl<'s> Walker<'s> {
    fn new(scope: &'s mut Scope, module: ModPath, collect_only: bool) -> Walker<'s> {
        scope.modules.insert(module.clone());
        let in_test_module = (1..=module.len()).any(|n| scope.test_modules.contains(&module[..n]));
        Walker {
            scope,
            collect_only,
            module,
            tests: usize::from(in_test_module),
            context: Vec::new(),
            found: Vec::new(),
            literals: Vec::new(),
            macros: Vec::new(),
            methods: Vec::new(),
            moved: Vec::new(),
        }
    }

    fn context(&self) -> String {
        self.context
            .last()
            .cloned()
            .unwrap_or_else(|| "file".into())
    }

    /// Resolves and keeps one path; `how` says how the compiler would read it.
    fn record(&mut self, segments: Vec<String>, glob: bool, how: Read) {
        if self.collect_only {
            return;
        }
        let target = match how {
            Read::Use => self.scope.resolve(&self.module, &segments, true),
            Read::Code => self.scope.resolve(&self.module, &segments, false),
            Read::OtherCrate => Target::External(segments.clone()),
        };
        let mut written = segments.join("::");
        if glob {
            written.push_str(if written.is_empty() { "*" } else { "::*" });
        }
        self.found.push(Found {
            module: self.module.clone(),
            written,
            target,
            glob,
            in_test: self.tests > 0,
            context: self.context(),
        });
    }

    /// The tokens of a macro call, which syn leaves unparsed (`format!("{}", crate::cli::x())`):
    /// every `a::b::c` run of identifiers as a path, every string literal as a literal.
    fn scan_tokens(&mut self, mac: &syn::Macro) {
        let buffer = syn::buffer::TokenBuffer::new2(mac.tokens.clone());
        let mut tokens = Tokens::default();
        tokens.walk(buffer.begin());
        for run in tokens.paths {
            if run.len() >= 2 || matches!(run[0].as_str(), "crate" | "super") {
                self.record(run, false, Read::Code);
            }
        }
        if !self.collect_only && self.tests == 0 {
            let context = self.context();
            self.literals
                .extend(tokens.strings.into_iter().map(|s| (s, context.clone())));
            let module = self.module.clone();
            self.methods.extend(
                tokens
                    .methods
                    .into_iter()
                    .map(|m| (module.clone(), context.clone(), m)),
            );
        }
    }
}

/// How a path is resolved: a `use` path against modules and crates only, a path in code also
/// against the names `use` bound, a path with a leading `::` always in another crate.
#[derive(Debug, Clone, Copy)]
enum Read {
    Use,
    Code,
    OtherCrate,
}

/// What a macro call's tokens hold, walked with syn's `Cursor` (proc-macro2, whose types it
/// hands out, is not a dependency of the tests, so they are used without being named).
#[derive(Debug, Default)]
struct Tokens {
    /// Runs of `ident (:: ident)*`, each as its identifiers.
    paths: Vec<Vec<String>>,
    /// Names of methods called (`. ident` then a group).
    methods: Vec<String>,
    strings: Vec<String>,
}

impl Tokens {
    fn walk(&mut self, mut cursor: syn::buffer::Cursor<'_>) {
        while !cursor.eof() {
            if let Some((inside, _, _, next)) = cursor.any_group() {
                self.walk(inside);
                cursor = next;
            } else if let Some((ident, next)) = cursor.ident() {
                let mut run = vec![ident.to_string()];
                cursor = next;
                while let Some((ident, next)) = Self::colons_then_ident(cursor) {
                    run.push(ident);
                    cursor = next;
                }
                self.paths.push(run);
            } else if let Some((literal, next)) = cursor.literal() {
                if let syn::Lit::Str(s) = syn::Lit::new(literal) {
                    self.strings.push(s.value());
                }
                cursor = next;
            } else if let Some((name, next)) = Self::method_call(cursor) {
                self.methods.push(name);
                cursor = next;
            } else if let Some((_, next)) = cursor.token_tree() {
                cursor = next;
            } else {
                break;
            }
        }
    }

    /// `. ident` followed by a group at the cursor (a method call): the name and the cursor at
    /// the group.
    fn method_call(cursor: syn::buffer::Cursor<'_>) -> Option<(String, syn::buffer::Cursor<'_>)> {
        let (dot, cursor) = cursor.punct()?;
        if dot.as_char() != '.' {
            return None;
        }
        let (ident, cursor) = cursor.ident()?;
        cursor.any_group()?;
        Some((ident.to_string(), cursor))
    }

    /// `:: ident` at the cursor: the identifier and the cursor after it.
    fn colons_then_ident(
        cursor: syn::buffer::Cursor<'_>,
    ) -> Option<(String, syn::buffer::Cursor<'_>)> {
        let (first, cursor) = cursor.punct()?;
        let (second, cursor) = cursor.punct()?;
        if first.as_char() != ':' || second.as_char() != ':' {
            return None;
        }
        let (ident, cursor) = cursor.ident()?;
        Some((ident.to_string(), cursor))
    }
}

impl<'ast> Visit<'ast> for Walker<'_> {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let test = is_test_only(item_attrs(item));
        self.tests += usize::from(test);
        self.context.push(item_context(item));
        syn::visit::visit_item(self, item);
        self.context.pop();
        self.tests -= usize::from(test);
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        // `#[path]` reads the module from a file of its choice, where `module_of` does not look
        if !self.collect_only && self.tests == 0 && m.attrs.iter().any(moves_the_module) {
            self.moved
                .push((self.module.clone(), format!("mod {}", m.ident)));
        }
        self.module.push(m.ident.to_string());
        let Some((_, items)) = &m.content else {
            // `mod x;`: its own file, walked on its own, as test code when declared so here
            if self.tests > 0 {
                self.scope.test_modules.insert(self.module.clone());
            }
            self.module.pop();
            return;
        };
        self.scope.modules.insert(self.module.clone());
        for item in items {
            self.visit_item(item);
        }
        self.module.pop();
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        let how = if u.leading_colon.is_some() {
            Read::OtherCrate
        } else {
            Read::Use
        };
        let mut paths = Vec::new();
        flatten_use(&u.tree, &mut Vec::new(), &mut paths);
        for (segments, glob, bound) in paths {
            if !self.collect_only {
                self.record(segments, glob, how);
            } else if let Some(name) = bound {
                let target = match how {
                    Read::OtherCrate => Target::External(segments),
                    _ => self.scope.resolve(&self.module, &segments, true),
                };
                let names = self.scope.bindings.entry(self.module.clone());
                names.or_default().insert(name, target);
            }
        }
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        // One segment is a local name, a type in scope or a macro: no module edge.
        if segments.len() >= 2 {
            let how = if path.leading_colon.is_some() {
                Read::OtherCrate
            } else {
                Read::Code
            };
            self.record(segments, false, how);
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if !self.collect_only
            && self.tests == 0
            && let Some(last) = mac.path.segments.last()
        {
            let call = (self.module.clone(), self.context(), last.ident.to_string());
            self.macros.push(call);
        }
        self.scan_tokens(mac);
        syn::visit::visit_macro(self, mac);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        if !self.collect_only && self.tests == 0 {
            let found = (self.module.clone(), self.context(), call.method.to_string());
            self.methods.push(found);
        }
        syn::visit::visit_expr_method_call(self, call);
    }

    fn visit_lit_str(&mut self, lit: &'ast syn::LitStr) {
        if !self.collect_only && self.tests == 0 {
            self.literals.push((lit.value(), self.context()));
        }
    }

    // Attributes hold doc comments and derive lists: words, not code.
    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}
}

/// What was found in the files given, after both passes.
#[derive(Debug, Default)]
pub(super) struct Walked {
    /// Every path, with the file it is in.
    pub(super) paths: Vec<(String, Found)>,
    /// String literals outside attributes and test items: (file, context, value).
    pub(super) literals: Vec<(String, String, String)>,
    /// Macros called outside test items: (file, module, context, name).
    pub(super) macros: Vec<(String, ModPath, String, String)>,
    /// Methods called outside test items: (file, module, context, name).
    pub(super) methods: Vec<(String, ModPath, String, String)>,
    /// Modules declared with `#[path]` outside test items: (file, module, context).
    pub(super) moved: Vec<(String, ModPath, String)>,
    /// Files syn could not parse.
    pub(super) unparsed: Vec<String>,
}

/// Walks `files` (path relative to the repository, source text) in two passes: the module tree
/// and bindings first, then every path.
pub(super) fn walk(files: &[(String, String)]) -> Walked {
    let mut scope = Scope::default();
    let mut parsed = Vec::new();
    let mut walked = Walked::default();
    for (name, text) in files {
        let Some(module) = module_of(Path::new(name)) else {
            continue;
        };
        match syn::parse_file(text) {
            Ok(file) => parsed.push((name.clone(), module, file)),
            Err(e) => walked.unparsed.push(format!("{name}: {e}")),
        }
    }
    for (_, module, file) in &parsed {
        let mut w = Walker::new(&mut scope, module.clone(), true);
        w.visit_file(file);
    }
    for (name, module, file) in &parsed {
        let mut w = Walker::new(&mut scope, module.clone(), false);
        w.visit_file(file);
        walked
            .paths
            .extend(w.found.into_iter().map(|f| (name.clone(), f)));
        walked
            .literals
            .extend(w.literals.into_iter().map(|(l, c)| (name.clone(), c, l)));
        walked.macros.extend(
            w.macros
                .into_iter()
                .map(|(m, c, n)| (name.clone(), m, c, n)),
        );
        walked.methods.extend(
            w.methods
                .into_iter()
                .map(|(m, c, n)| (name.clone(), m, c, n)),
        );
        walked
            .moved
            .extend(w.moved.into_iter().map(|(m, c)| (name.clone(), m, c)));
    }
    walked
}
