/*
 * JNI glue for io.headroom4j.compress.code.NativeTreeSitter: one call parses a text and returns its whole
 * tree as a flat int array, so the Java walk makes no per-node JNI call.
 *
 * Layout of the array (see NativeTreeSitter.java): STRIDE ints per node, in pre-order (a tree cursor's
 * order: every visible node, named or anonymous, exactly the nodes ts_node_child reaches).
 */
#include <jni.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tree_sitter/api.h"

const TSLanguage *tree_sitter_python(void);
const TSLanguage *tree_sitter_javascript(void);
const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_go(void);
const TSLanguage *tree_sitter_rust(void);
const TSLanguage *tree_sitter_java(void);
const TSLanguage *tree_sitter_c(void);
const TSLanguage *tree_sitter_cpp(void);

/* In the order of the SourceLanguage enum. */
static const TSLanguage *language(jint id) {
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
    const TSLanguage *l = language(lang);
    return l == NULL ? NULL : names(env, l, ts_language_symbol_count(l), symbol_name);
}

/* Field names by id (id 0 means "no field" and is the empty string). */
JNIEXPORT jobjectArray JNICALL Java_io_headroom4j_compress_code_NativeTreeSitter_fieldNames(
        JNIEnv *env, jclass cls, jint lang) {
    const TSLanguage *l = language(lang);
    return l == NULL ? NULL : names(env, l, ts_language_field_count(l), field_name);
}

typedef struct {
    int32_t *data;
    TSNode *nodes;
    size_t count;
    size_t capacity;
} Nodes;

/* A parsed tree kept for later questions, with the node of each flat index and the child links. */
typedef struct {
    TSTree *tree;
    TSNode *nodes;
    int32_t *data;
    size_t count;
} Kept;

static int32_t *add_node(Nodes *nodes, TSNode node) {
    if (nodes->count == nodes->capacity) {
        size_t cap = nodes->capacity < 256 ? 256 : nodes->capacity * 2;
        int32_t *grown = realloc(nodes->data, cap * STRIDE * sizeof(int32_t));
        if (grown == NULL) {
            return NULL;
        }
        nodes->data = grown;
        TSNode *more = realloc(nodes->nodes, cap * sizeof(TSNode));
        if (more == NULL) {
            return NULL;
        }
        nodes->nodes = more;
        nodes->capacity = cap;
    }
    nodes->nodes[nodes->count] = node;
    return nodes->data + STRIDE * nodes->count++;
}

static int fill(int32_t *r, TSNode node, uint32_t error_symbol, int32_t parent) {
    TSSymbol sym = ts_node_symbol(node);
    r[SYMBOL] = sym == (TSSymbol) -1 ? (int32_t) error_symbol : (int32_t) sym;
    r[FLAGS] = (ts_node_is_named(node) ? NAMED : 0) | (ts_node_is_error(node) ? ERROR : 0)
            | (ts_node_is_missing(node) ? MISSING : 0) | (ts_node_has_error(node) ? HAS_ERROR : 0);
    r[PARENT] = parent;
    r[FIRST_CHILD] = -1;
    r[NEXT_SIBLING] = -1;
    r[PREV_SIBLING] = -1;
    r[START_BYTE] = (int32_t) ts_node_start_byte(node);
    r[END_BYTE] = (int32_t) ts_node_end_byte(node);
    TSPoint s = ts_node_start_point(node);
    TSPoint e = ts_node_end_point(node);
    r[START_ROW] = (int32_t) s.row;
    r[START_COLUMN] = (int32_t) s.column;
    r[END_ROW] = (int32_t) e.row;
    r[END_COLUMN] = (int32_t) e.column;
    r[CHILD_COUNT] = 0;
    r[NAMED_CHILD_COUNT] = 0;
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
    const TSLanguage *l = language(lang);
    if (l == NULL) {
        return status(env, NO_LANGUAGE);
    }
    TSParser *parser = ts_parser_new();
    if (!ts_parser_set_language(parser, l)) {
        ts_parser_delete(parser);
        return status(env, NO_LANGUAGE);
    }
    if (ranges != NULL) {
        jsize n = (*env)->GetArrayLength(env, ranges) / 6;
        jint *r = (*env)->GetIntArrayElements(env, ranges, NULL);
        TSRange *rs = malloc(sizeof(TSRange) * (n == 0 ? 1 : n));
        for (jsize i = 0; i < n; i++) {
            rs[i].start_byte = (uint32_t) r[6 * i];
            rs[i].end_byte = (uint32_t) r[6 * i + 1];
            rs[i].start_point = (TSPoint) {(uint32_t) r[6 * i + 2], (uint32_t) r[6 * i + 3]};
            rs[i].end_point = (TSPoint) {(uint32_t) r[6 * i + 4], (uint32_t) r[6 * i + 5]};
        }
        (*env)->ReleaseIntArrayElements(env, ranges, r, JNI_ABORT);
        bool ok = ts_parser_set_included_ranges(parser, rs, (uint32_t) n);
        free(rs);
        if (!ok) {
            ts_parser_delete(parser);
            return status(env, BAD_RANGES);
        }
    }
    jsize length = (*env)->GetArrayLength(env, text);
    jbyte *bytes = (*env)->GetByteArrayElements(env, text, NULL);
    TSTree *tree = ts_parser_parse_string(parser, NULL, (const char *) bytes, (uint32_t) length);
    ts_parser_delete(parser);
    if (tree == NULL) {
        (*env)->ReleaseByteArrayElements(env, text, bytes, JNI_ABORT);
        return status(env, NO_TREE);
    }

    uint32_t error_symbol = ts_language_symbol_count(l);
    Nodes nodes = {NULL, NULL, 0, 0};
    /* Per depth: the index of the node at that depth on the cursor's path, and of its last child so far. */
    size_t depth_cap = 64;
    int32_t *path = malloc(depth_cap * sizeof(int32_t));
    int32_t *last_child = malloc(depth_cap * sizeof(int32_t));
    int oom = path == NULL || last_child == NULL;
    TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
    size_t depth = 0;
    int32_t *root = oom ? NULL : add_node(&nodes, ts_tree_root_node(tree));
    if (root == NULL) {
        oom = 1;
    } else {
        fill(root, ts_tree_root_node(tree), error_symbol, -1);
        path[0] = 0;
        last_child[0] = -1;
    }
    while (!oom) {
        int descended = ts_tree_cursor_goto_first_child(&cursor);
        if (descended) {
            depth++;
            if (depth == depth_cap) {
                depth_cap *= 2;
                int32_t *p = realloc(path, depth_cap * sizeof(int32_t));
                if (p != NULL) {
                    path = p;
                }
                int32_t *c = realloc(last_child, depth_cap * sizeof(int32_t));
                if (c != NULL) {
                    last_child = c;
                }
                if (p == NULL || c == NULL) {
                    oom = 1;
                    break;
                }
            }
            last_child[depth] = -1;
        } else {
            while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
                if (depth == 0 || !ts_tree_cursor_goto_parent(&cursor)) {
                    depth = 0;
                    break;
                }
                depth--;
            }
            if (depth == 0) {
                break;
            }
        }
        int32_t parent = path[depth - 1];
        int32_t index = (int32_t) nodes.count;
        TSNode node = ts_tree_cursor_current_node(&cursor);
        int32_t *r = add_node(&nodes, node);
        if (r == NULL) {
            oom = 1;
            break;
        }
        fill(r, node, error_symbol, parent);
        int32_t prev = last_child[depth];
        int32_t *p = nodes.data + STRIDE * parent;
        if (prev < 0) {
            p[FIRST_CHILD] = index;
        } else {
            nodes.data[STRIDE * prev + NEXT_SIBLING] = index;
            r[PREV_SIBLING] = prev;
        }
        p[CHILD_COUNT]++;
        if (r[FLAGS] & NAMED) {
            p[NAMED_CHILD_COUNT]++;
        }
        last_child[depth] = index;
        path[depth] = index;
    }
    ts_tree_cursor_delete(&cursor);
    free(path);
    free(last_child);
    (*env)->ReleaseByteArrayElements(env, text, bytes, JNI_ABORT);
    Kept *kept = oom ? NULL : malloc(sizeof(Kept));
    jintArray out = kept == NULL ? NULL : (*env)->NewIntArray(env, (jsize) (nodes.count * STRIDE));
    if (out == NULL) {
        free(kept);
        free(nodes.data);
        free(nodes.nodes);
        ts_tree_delete(tree);
        return oom || kept == NULL ? status(env, NO_MEMORY) : NULL;
    }
    (*env)->SetIntArrayRegion(env, out, 0, (jsize) (nodes.count * STRIDE), nodes.data);
    kept->tree = tree;
    kept->nodes = nodes.nodes;
    kept->data = nodes.data;
    kept->count = nodes.count;
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
        ts_tree_delete(k->tree);
        free(k->nodes);
        free(k->data);
        free(k);
    }
}
