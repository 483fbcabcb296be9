/*
 * JNI glue for io.headroom4j.compress.code.NativeTreeSitter: one call parses a text and returns its whole
 * tree as a flat int array, so the Java walk makes no per-node JNI call.
 *
 * Layout of the array (see NativeTreeSitter.java): STRIDE ints per node, in pre-order (a tree cursor's
 * order: every visible node, named or anonymous, exactly the nodes ts_node_child reaches). The tree is
 * flattened by reading tree-sitter's subtrees directly (flatten below), which needs the runtime's internal
 * headers: the runtime is the fixed version build.sh checks by SHA-256, so its layout cannot change under us.
 */
#include <jni.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tree_sitter/api.h"

/* Runtime internals (the subtree layout), for flattening the tree without a cursor. */
#include "language.h"
#include "length.h"
#include "point.h"
#include "subtree.h"
#include "tree.h"

const TSLanguage *tree_sitter_python(void);
const TSLanguage *tree_sitter_javascript(void);
const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_go(void);
const TSLanguage *tree_sitter_rust(void);
const TSLanguage *tree_sitter_java(void);
const TSLanguage *tree_sitter_c(void);
const TSLanguage *tree_sitter_cpp(void);

/* In the order of the SourceLanguage enum. Not static (but hidden, as everything here): pgo_train.c calls it. */
const TSLanguage *h4j_language(int id);

const TSLanguage *h4j_language(int id) {
    switch (id) {
        case 0: return tree_sitter_python();
        case 1: return tree_sitter_javascript();
        case 2: return tree_sitter_typescript();
        case 3: return tree_sitter_go();
        case 4: return tree_sitter_rust();
        case 5: return tree_sitter_java();
        case 6: return tree_sitter_c();
        case 7: return tree_sitter_cpp();
        default: return NULL;
    }
}

enum {
    SYMBOL, FLAGS, PARENT, FIRST_CHILD, NEXT_SIBLING, PREV_SIBLING, START_BYTE, END_BYTE, START_ROW,
    START_COLUMN, END_ROW, END_COLUMN, CHILD_COUNT, NAMED_CHILD_COUNT, STRIDE
};
enum { NAMED = 1, ERROR = 2, MISSING = 4, HAS_ERROR = 8 };

/* Status codes returned as a one-element array. */
enum { NO_LANGUAGE = -1, BAD_RANGES = -2, NO_TREE = -3, NO_MEMORY = -4 };

static jintArray status(JNIEnv *env, jint code) {
    jintArray a = (*env)->NewIntArray(env, 1);
    if (a != NULL) {
        (*env)->SetIntArrayRegion(env, a, 0, 1, &code);
    }
    return a;
}

static const char *symbol_name(const TSLanguage *l, uint32_t i, uint32_t n) {
    return i < n ? ts_language_symbol_name(l, (TSSymbol) i) : "ERROR";
}

static const char *field_name(const TSLanguage *l, uint32_t i, uint32_t n) {
    return i == 0 ? "" : ts_language_field_name_for_id(l, (TSFieldId) i);
}

/* n + 1 names, name(l, i, n) for i in 0..n, as a Java String[]; a missing name is the empty string. */
static jobjectArray names(JNIEnv *env, const TSLanguage *l, uint32_t n,
                          const char *(*name)(const TSLanguage *, uint32_t, uint32_t)) {
    jclass string = (*env)->FindClass(env, "java/lang/String");
    jobjectArray out = (*env)->NewObjectArray(env, (jsize) n + 1, string, NULL);
    if (out == NULL) {
        return NULL;
    }
    for (uint32_t i = 0; i <= n; i++) {
        const char *text = name(l, i, n);
        jstring s = (*env)->NewStringUTF(env, text == NULL ? "" : text);
        if (s == NULL) {
            return NULL;
        }
        (*env)->SetObjectArrayElement(env, out, (jsize) i, s);
        (*env)->DeleteLocalRef(env, s);
    }
    return out;
}

/* Symbol names by id; the error symbol (65535) is mapped to the last slot, "ERROR". */
JNIEXPORT jobjectArray JNICALL Java_io_headroom4j_compress_code_NativeTreeSitter_symbolNames(
        JNIEnv *env, jclass cls, jint lang) {
    const TSLanguage *l = h4j_language(lang);
    return l == NULL ? NULL : names(env, l, ts_language_symbol_count(l), symbol_name);
}

/* Field names by id (id 0 means "no field" and is the empty string). */
JNIEXPORT jobjectArray JNICALL Java_io_headroom4j_compress_code_NativeTreeSitter_fieldNames(
        JNIEnv *env, jclass cls, jint lang) {
    const TSLanguage *l = h4j_language(lang);
    return l == NULL ? NULL : names(env, l, ts_language_field_count(l), field_name);
}

/*
 * A per-parse arena for tree-sitter's allocations. A parse allocates tens of thousands of small blocks
 * (subtrees, child arrays, stack versions) and, when its tree is deleted, walks every subtree to free them
 * one by one. Inside a parse, the allocator below hands out blocks from large chunks instead and free is a
 * no-op; the tree's memory goes away with its chunks, without the deletion walk.
 *
 * Every block, from the arena or from malloc, starts with a Header saying which and how large, so free and
 * realloc can tell them apart whatever thread or parse they run in. An arena is bound to the calling thread
 * only while parse runs (thread-local), so parses on different threads never share one. Past ARENA_CAP
 * bytes an arena hands out malloc blocks (bounded memory for huge inputs); such a tree is then deleted with
 * ts_tree_delete before its chunks are dropped, which frees exactly those blocks. The grammars' external
 * scanners allocate with malloc directly (their alloc.h without TREE_SITTER_REUSE_ALLOCATOR) and are freed
 * by ts_parser_delete, which parse still calls.
 */
typedef struct {
    size_t size;   /* bytes usable after the header */
    size_t arena;  /* 1: in an arena chunk (free is a no-op), 0: from malloc */
} Header;

#define HEADER_SIZE ((sizeof(Header) + 15) & ~(size_t) 15)
#define ALIGN16(n) (((n) + 15) & ~(size_t) 15)

typedef struct Chunk {
    struct Chunk *next;
    size_t size;
    size_t used;
    char *last;        /* the last block handed out from this chunk (its header), for realloc in place */
    char data[];
} Chunk;

typedef struct {
    Chunk *head;
    size_t total;      /* bytes of all chunks */
    int overflowed;    /* some blocks of this parse came from malloc: delete the tree before dropping */
} Arena;

/*
 * Chunks are CHUNK_SIZE bytes (a block larger than a quarter of that gets a chunk of its own), and up to
 * SPARE_CHUNKS dropped chunks are kept for the next parse: fresh memory from malloc costs page faults on
 * every parse (glibc maps and trims large blocks), which cost more than the allocations saved.
 */
enum { CHUNK_SIZE = 1024 * 1024 - 64, SPARE_CHUNKS = 16 };
#ifndef ARENA_CAP
#define ARENA_CAP ((size_t) 64 * 1024 * 1024)
#endif

_Static_assert(offsetof(Chunk, data) % 16 == 0, "arena blocks must stay 16-byte aligned");

static __thread Arena *current_arena;
static pthread_mutex_t spare_lock = PTHREAD_MUTEX_INITIALIZER;
static Chunk *spare;
static int spare_count;

static Chunk *chunk_new(size_t size) {
    Chunk *c = NULL;
    if (size == CHUNK_SIZE) {
        pthread_mutex_lock(&spare_lock);
        if (spare != NULL) {
            c = spare;
            spare = c->next;
            spare_count--;
        }
        pthread_mutex_unlock(&spare_lock);
    }
    if (c == NULL) {
        c = malloc(sizeof(Chunk) + size);
        if (c == NULL) {
            return NULL;
        }
        c->size = size;
    }
    c->used = 0;
    c->last = NULL;
    c->next = NULL;
    return c;
}

static void chunk_drop(Chunk *c) {
    if (c->size == CHUNK_SIZE) {
        pthread_mutex_lock(&spare_lock);
        if (spare_count < SPARE_CHUNKS) {
            c->next = spare;
            spare = c;
            spare_count++;
            c = NULL;
        }
        pthread_mutex_unlock(&spare_lock);
    }
    free(c);
}

static void *heap_alloc(size_t size) {
    if (size > SIZE_MAX - HEADER_SIZE) {
        return NULL;
    }
    Header *h = malloc(HEADER_SIZE + size);
    if (h == NULL) {
        return NULL;
    }
    h->size = size;
    h->arena = 0;
    return (char *) h + HEADER_SIZE;
}

static void *arena_alloc(Arena *a, size_t size) {
    if (size > ARENA_CAP) {
        a->overflowed = 1;
        return heap_alloc(size);
    }
    size_t need = HEADER_SIZE + ALIGN16(size);
    Chunk *c = a->head;
    if (c == NULL || c->size - c->used < need) {
        size_t want = need > CHUNK_SIZE / 4 ? need : CHUNK_SIZE;
        Chunk *n = a->total + want > ARENA_CAP ? NULL : chunk_new(want);
        if (n == NULL) {
            a->overflowed = 1;
            return heap_alloc(size);
        }
        a->total += want;
        if (c != NULL && want != CHUNK_SIZE) {
            /* A chunk of its own goes second, so the current chunk keeps serving small blocks. */
            n->next = c->next;
            c->next = n;
        } else {
            n->next = c;
            a->head = n;
        }
        c = n;
    }
    Header *h = (Header *) (c->data + c->used);
    c->last = (char *) h;
    c->used += need;
    h->size = size;
    h->arena = 1;
    return (char *) h + HEADER_SIZE;
}

static void *ts_arena_malloc(size_t size) {
    Arena *a = current_arena;
    return a == NULL ? heap_alloc(size) : arena_alloc(a, size);
}

static void *ts_arena_calloc(size_t count, size_t size) {
    if (size != 0 && count > SIZE_MAX / size) {
        return NULL;
    }
    void *p = ts_arena_malloc(count * size);
    if (p != NULL) {
        memset(p, 0, count * size);
    }
    return p;
}

static void ts_arena_free(void *p) {
    if (p != NULL) {
        Header *h = (Header *) ((char *) p - HEADER_SIZE);
        if (!h->arena) {
            free(h);
        }
    }
}

static void *ts_arena_realloc(void *p, size_t size) {
    if (p == NULL) {
        return ts_arena_malloc(size);
    }
    Header *h = (Header *) ((char *) p - HEADER_SIZE);
    if (!h->arena) {
        if (size > SIZE_MAX - HEADER_SIZE) {
            return NULL;
        }
        Header *g = realloc(h, HEADER_SIZE + size);
        if (g == NULL) {
            return NULL;
        }
        g->size = size;
        return (char *) g + HEADER_SIZE;
    }
    Arena *a = current_arena;
    Chunk *c = a == NULL ? NULL : a->head;
    if (c != NULL && c->last == (char *) h && size <= ARENA_CAP) {
        /* The last block of the current chunk grows or shrinks in place when the chunk has room. */
        size_t start = (size_t) ((char *) h - c->data);
        size_t need = HEADER_SIZE + ALIGN16(size);
        if (c->size - start >= need) {
            c->used = start + need;
            h->size = size;
            return p;
        }
    }
    if (size <= h->size) {
        return p;
    }
    void *q = ts_arena_malloc(size);
    if (q != NULL) {
        memcpy(q, p, h->size < size ? h->size : size);
    }
    return q;
}

__attribute__((constructor)) static void use_arena_allocator(void) {
    ts_set_allocator(ts_arena_malloc, ts_arena_calloc, ts_arena_realloc, ts_arena_free);
}

static void arena_drop(Arena *a) {
    Chunk *c = a->head;
    while (c != NULL) {
        Chunk *next = c->next;
        chunk_drop(c);
        c = next;
    }
    free(a);
}

typedef struct {
    int32_t *data;
    TSNode *nodes;
    int32_t *last;     /* per node: the index of its last child so far (-1: none), while flattening */
    size_t count;
    size_t capacity;
} Nodes;

/* A parsed tree kept for later questions, with the node of each flat index and the child links. */
typedef struct Kept {
    TSTree *tree;
    Arena *arena;
    TSNode *nodes;
    int32_t *data;
    size_t count;
} Kept;

/* Frees a tree and everything parse allocated for it. */
void h4j_kept_free(Kept *k);

void h4j_kept_free(Kept *k) {
    /* Frees the blocks that came from malloc (the arena's blocks are no-ops), then the arena's chunks. */
    ts_arena_free(k->nodes);
    ts_arena_free(k->data);
    if (k->arena->overflowed) {
        ts_tree_delete(k->tree);
    }
    arena_drop(k->arena);
    free(k);
}

static int grow(Nodes *nodes) {
    size_t cap = nodes->capacity < 256 ? 256 : nodes->capacity * 2;
    int32_t *grown = ts_arena_realloc(nodes->data, cap * STRIDE * sizeof(int32_t));
    if (grown == NULL) {
        return 0;
    }
    nodes->data = grown;
    TSNode *more = ts_arena_realloc(nodes->nodes, cap * sizeof(TSNode));
    if (more == NULL) {
        return 0;
    }
    nodes->nodes = more;
    int32_t *last = ts_arena_realloc(nodes->last, cap * sizeof(int32_t));
    if (last == NULL) {
        return 0;
    }
    nodes->last = last;
    nodes->capacity = cap;
    return 1;
}

/*
 * Appends the node of subtree s at position pos with alias symbol alias (0: none), a child of the node at flat
 * index parent (-1: the root), and links it to its parent and previous sibling. What is written for it is what
 * the ts_node_* accessors answer for ts_node_new(tree, s, pos, alias), the node a tree cursor returns there.
 * Returns its index, or -1 when out of memory.
 */
static int32_t add_node(Nodes *nodes, const TSTree *tree, const Subtree *s, Length pos, TSSymbol alias,
                        uint32_t error_symbol, int32_t parent) {
    if (nodes->count == nodes->capacity && !grow(nodes)) {
        return -1;
    }
    int32_t index = (int32_t) nodes->count++;
    nodes->nodes[index] = (TSNode) {{pos.bytes, pos.extent.row, pos.extent.column, alias}, s, tree};
    Subtree t = *s;
    const TSLanguage *l = tree->language;
    TSSymbol sym = ts_language_public_symbol(l, alias ? alias : ts_subtree_symbol(t));
    int named = alias ? ts_language_symbol_metadata(l, alias).named : ts_subtree_named(t);
    Length size = ts_subtree_size(t);
    TSPoint end = point_add(pos.extent, size.extent);
    int32_t *r = nodes->data + STRIDE * (size_t) index;
    r[SYMBOL] = sym == ts_builtin_sym_error ? (int32_t) error_symbol : (int32_t) sym;
    r[FLAGS] = (named ? NAMED : 0) | (sym == ts_builtin_sym_error ? ERROR : 0)
            | (ts_subtree_missing(t) ? MISSING : 0) | (ts_subtree_error_cost(t) > 0 ? HAS_ERROR : 0);
    r[PARENT] = parent;
    r[FIRST_CHILD] = -1;
    r[NEXT_SIBLING] = -1;
    r[PREV_SIBLING] = -1;
    r[START_BYTE] = (int32_t) pos.bytes;
    r[END_BYTE] = (int32_t) (pos.bytes + size.bytes);
    r[START_ROW] = (int32_t) pos.extent.row;
    r[START_COLUMN] = (int32_t) pos.extent.column;
    r[END_ROW] = (int32_t) end.row;
    r[END_COLUMN] = (int32_t) end.column;
    r[CHILD_COUNT] = 0;
    r[NAMED_CHILD_COUNT] = 0;
    nodes->last[index] = -1;
    if (parent >= 0) {
        int32_t *p = nodes->data + STRIDE * (size_t) parent;
        int32_t prev = nodes->last[parent];
        if (prev < 0) {
            p[FIRST_CHILD] = index;
        } else {
            nodes->data[STRIDE * (size_t) prev + NEXT_SIBLING] = index;
            r[PREV_SIBLING] = prev;
        }
        p[CHILD_COUNT]++;
        if (named) {
            p[NAMED_CHILD_COUNT]++;
        }
        nodes->last[parent] = index;
    }
    return index;
}

/* The children of one subtree being visited: where the next one starts, and whose (visible) children they are. */
typedef struct {
    const Subtree *children;
    const TSSymbol *aliases;
    uint32_t count;
    uint32_t next;
    uint32_t structural;
    int32_t parent;
    Length position;
} Frame;

/*
 * Flattens the tree's visible nodes in pre-order, the nodes and order a tree cursor visits (the root, then
 * every visible child, with hidden nodes' visible children in their place), by reading the subtrees directly:
 * the same steps as tree_cursor.c's child iterator (positions from paddings and sizes, a child made visible by
 * its alias, extras taking no alias), without a cursor's repeated climbs through hidden nodes. Returns 0, or
 * -1 when out of memory.
 */
static int flatten(Nodes *nodes, const TSTree *tree, uint32_t error_symbol) {
    const Subtree *root = &tree->root;
    Length pos = ts_subtree_padding(*root);
    if (add_node(nodes, tree, root, pos, 0, error_symbol, -1) < 0) {
        return -1;
    }
    size_t cap = 64;
    Frame *stack = malloc(cap * sizeof(Frame));
    if (stack == NULL) {
        return -1;
    }
    const TSLanguage *l = tree->language;
    size_t depth = 0;
    if (ts_subtree_child_count(*root) > 0) {
        stack[0] = (Frame) {ts_subtree_children(*root), ts_language_alias_sequence(l, root->ptr->production_id),
                            root->ptr->child_count, 0, 0, 0, pos};
        depth = 1;
    }
    int oom = 0;
    while (depth > 0) {
        Frame *f = &stack[depth - 1];
        if (f->next == f->count) {
            depth--;
            continue;
        }
        const Subtree *child = &f->children[f->next];
        Subtree c = *child;
        if (f->next > 0) {
            f->position = length_add(f->position, ts_subtree_padding(c));
        }
        Length at = f->position;
        f->position = length_add(f->position, ts_subtree_size(c));
        f->next++;
        int visible = ts_subtree_visible(c);
        TSSymbol alias = 0;
        if (!ts_subtree_extra(c)) {
            if (f->aliases != NULL) {
                alias = f->aliases[f->structural];
                visible |= alias != 0;
            }
            f->structural++;
        }
        int32_t parent = f->parent;
        if (visible) {
            parent = add_node(nodes, tree, child, at, alias, error_symbol, parent);
            if (parent < 0) {
                oom = 1;
                break;
            }
            if (ts_subtree_child_count(c) == 0) {
                continue;
            }
        } else if (ts_subtree_visible_child_count(c) == 0) {
            continue;
        }
        if (depth == cap) {
            Frame *more = realloc(stack, 2 * cap * sizeof(Frame));
            if (more == NULL) {
                oom = 1;
                break;
            }
            stack = more;
            cap *= 2;
        }
        stack[depth++] = (Frame) {ts_subtree_children(c), ts_language_alias_sequence(l, c.ptr->production_id),
                                  c.ptr->child_count, 0, 0, parent, at};
    }
    free(stack);
    return oom ? -1 : 0;
}

/*
 * Parses text in language l within the n included ranges (none: the whole text) and flattens the tree.
 * Returns 0 and *out (free with h4j_kept_free), or a negative status. No JNI: the training driver of the
 * profile-guided build (pgo_train.c) calls it too.
 */
int h4j_parse_flat(const TSLanguage *l, const char *text, uint32_t length, const TSRange *ranges, uint32_t n,
                   Kept **out);

int h4j_parse_flat(const TSLanguage *l, const char *text, uint32_t length, const TSRange *ranges, uint32_t n,
                   Kept **out) {
    Arena *arena = calloc(1, sizeof(Arena));
    if (arena == NULL) {
        return NO_MEMORY;
    }
    current_arena = arena;
    TSParser *parser = ts_parser_new();
    if (!ts_parser_set_language(parser, l)) {
        ts_parser_delete(parser);
        current_arena = NULL;
        arena_drop(arena);
        return NO_LANGUAGE;
    }
    if (ranges != NULL && !ts_parser_set_included_ranges(parser, ranges, n)) {
        ts_parser_delete(parser);
        current_arena = NULL;
        arena_drop(arena);
        return BAD_RANGES;
    }
    TSTree *tree = ts_parser_parse_string(parser, NULL, text, length);
    ts_parser_delete(parser);
    if (tree == NULL) {
        current_arena = NULL;
        arena_drop(arena);
        return NO_TREE;
    }

    uint32_t error_symbol = ts_language_symbol_count(l);
    /* The flat tree's arrays come from the arena too (sized by the tree's count of visible nodes, the nodes
     * the walk visits; add_node still grows them if that count were ever short). */
    size_t expected = ts_node_descendant_count(ts_tree_root_node(tree));
    Nodes nodes = {ts_arena_malloc(expected * STRIDE * sizeof(int32_t)), ts_arena_malloc(expected * sizeof(TSNode)),
                   ts_arena_malloc(expected * sizeof(int32_t)), 0, expected};
    if (nodes.data == NULL || nodes.nodes == NULL || nodes.last == NULL) {
        nodes.capacity = 0;
    }
    int oom = flatten(&nodes, tree, error_symbol) != 0;
    ts_arena_free(nodes.last);
    current_arena = NULL;
    Kept *kept = oom ? NULL : malloc(sizeof(Kept));
    if (kept == NULL) {
        ts_arena_free(nodes.nodes);
        ts_arena_free(nodes.data);
        if (arena->overflowed) {
            ts_tree_delete(tree);
        }
        arena_drop(arena);
        return NO_MEMORY;
    }
    kept->tree = tree;
    kept->arena = arena;
    kept->nodes = nodes.nodes;
    kept->data = nodes.data;
    kept->count = nodes.count;
    *out = kept;
    return 0;
}

/*
 * Parses text (UTF-8) as language lang, within the included ranges when ranges is not null (6 ints per
 * range: start byte, end byte, start row, start column, end row, end column), and returns the flat tree, or a
 * one-element array holding a negative status. The tree is kept and its handle stored in tree_out[0] for
 * childByField and descendantSymbol; the caller must free it.
 */
JNIEXPORT jintArray JNICALL Java_io_headroom4j_compress_code_NativeTreeSitter_parse(
        JNIEnv *env, jclass cls, jint lang, jbyteArray text, jintArray ranges, jlongArray tree_out) {
    const TSLanguage *l = h4j_language(lang);
    if (l == NULL) {
        return status(env, NO_LANGUAGE);
    }
    TSRange *rs = NULL;
    uint32_t n = 0;
    if (ranges != NULL) {
        n = (uint32_t) ((*env)->GetArrayLength(env, ranges) / 6);
        rs = malloc(sizeof(TSRange) * (n == 0 ? 1 : n));
        if (rs == NULL) {
            return status(env, NO_MEMORY);
        }
        jint *r = (*env)->GetIntArrayElements(env, ranges, NULL);
        for (uint32_t i = 0; i < n; i++) {
            rs[i].start_byte = (uint32_t) r[6 * i];
            rs[i].end_byte = (uint32_t) r[6 * i + 1];
            rs[i].start_point = (TSPoint) {(uint32_t) r[6 * i + 2], (uint32_t) r[6 * i + 3]};
            rs[i].end_point = (TSPoint) {(uint32_t) r[6 * i + 4], (uint32_t) r[6 * i + 5]};
        }
        (*env)->ReleaseIntArrayElements(env, ranges, r, JNI_ABORT);
    }
    jsize length = (*env)->GetArrayLength(env, text);
    jbyte *bytes = (*env)->GetByteArrayElements(env, text, NULL);
    Kept *kept = NULL;
    int code = h4j_parse_flat(l, (const char *) bytes, (uint32_t) length, rs, n, &kept);
    (*env)->ReleaseByteArrayElements(env, text, bytes, JNI_ABORT);
    free(rs);
    if (code != 0) {
        return status(env, code);
    }
    jintArray out = (*env)->NewIntArray(env, (jsize) (kept->count * STRIDE));
    if (out == NULL) {
        h4j_kept_free(kept);
        return NULL;
    }
    (*env)->SetIntArrayRegion(env, out, 0, (jsize) (kept->count * STRIDE), kept->data);
    jlong address = (jlong) (intptr_t) kept;
    (*env)->SetLongArrayRegion(env, tree_out, 0, 1, &address);
    return out;
}

/*
 * The flat index of the node's child in field field_id, as ts_node_child_by_field_id finds it, or -1. The
 * answer is a visible child of the node, so it is looked for among the node's children first.
 */
JNIEXPORT jint JNICALL Java_io_headroom4j_compress_code_NativeTreeSitter_childByField(
        JNIEnv *env, jclass cls, jlong handle, jint node, jint field_id) {
    Kept *k = (Kept *) (intptr_t) handle;
    if (node < 0 || (size_t) node >= k->count || field_id <= 0 || field_id > 0xFFFF) {
        return -1;
    }
    TSNode r = ts_node_child_by_field_id(k->nodes[node], (TSFieldId) field_id);
    if (ts_node_is_null(r)) {
        return -1;
    }
    for (int32_t c = k->data[STRIDE * node + FIRST_CHILD]; c >= 0; c = k->data[STRIDE * c + NEXT_SIBLING]) {
        if (k->nodes[c].id == r.id && ts_node_start_byte(k->nodes[c]) == ts_node_start_byte(r)) {
            return c;
        }
    }
    for (size_t c = 0; c < k->count; c++) {
        if (k->nodes[c].id == r.id && ts_node_start_byte(k->nodes[c]) == ts_node_start_byte(r)) {
            return (jint) c;
        }
    }
    return -2;
}

/*
 * The symbol of the smallest node (named or anonymous) spanning row:column to row:column+1, as
 * ts_node_descendant_for_point_range on the root returns it, with the error symbol mapped as in parse.
 */
JNIEXPORT jint JNICALL Java_io_headroom4j_compress_code_NativeTreeSitter_descendantSymbol(
        JNIEnv *env, jclass cls, jlong handle, jint row, jint column) {
    TSTree *t = ((Kept *) (intptr_t) handle)->tree;
    TSNode root = ts_tree_root_node(t);
    TSNode node = ts_node_descendant_for_point_range(root, (TSPoint) {(uint32_t) row, (uint32_t) column},
            (TSPoint) {(uint32_t) row, (uint32_t) column + 1});
    if (ts_node_is_null(node)) {
        return -1;
    }
    TSSymbol sym = ts_node_symbol(node);
    return sym == (TSSymbol) -1 ? (jint) ts_language_symbol_count(ts_tree_language(t)) : (jint) sym;
}

/* Frees a tree kept by parse. */
JNIEXPORT void JNICALL Java_io_headroom4j_compress_code_NativeTreeSitter_free(JNIEnv *env, jclass cls, jlong handle) {
    Kept *k = (Kept *) (intptr_t) handle;
    if (k != NULL) {
        h4j_kept_free(k);
    }
}
