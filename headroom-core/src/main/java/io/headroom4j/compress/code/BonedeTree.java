package io.headroom4j.compress.code;

import java.util.ArrayList;
import java.util.List;

import org.treesitter.TSNode;
import org.treesitter.TSPoint;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;

/**
 * A {@link SyntaxTree} read through the io.github.bonede bindings, one JNI call per question (the fallback
 * when {@link NativeTreeSitter} is not available). A handle is an index into the list of node objects
 * handed out so far; node fields are read as {@link NodeStart} reads them.
 */
final class BonedeTree implements SyntaxTree {

    private final TSTree tree;
    private final TSTreeCursor cursor;
    private final List<TSNode> nodes = new ArrayList<>();

    BonedeTree(TSTree tree) {
        this.tree = tree;
        TSNode root = tree.getRootNode();
        nodes.add(root);
        this.cursor = new TSTreeCursor(root);
    }

    private int handle(TSNode node) {
        if (NodeStart.isNull(node)) {
            return NONE;
        }
        nodes.add(node);
        return nodes.size() - 1;
    }

    private TSNode node(int handle) {
        return nodes.get(handle);
    }

    @Override
    public int root() {
        return 0;
    }

    @Override
    public boolean gotoFirstChild() {
        return cursor.gotoFirstChild();
    }

    @Override
    public boolean gotoNextSibling() {
        return cursor.gotoNextSibling();
    }

    @Override
    public boolean gotoPreviousSibling() {
        return cursor.gotoPreviousSibling();
    }

    @Override
    public boolean gotoParent() {
        return cursor.gotoParent();
    }

    @Override
    public int current() {
        return handle(cursor.currentNode());
    }

    @Override
    public String type(int node) {
        return NodeStart.type(node(node));
    }

    @Override
    public int startRow(int node) {
        return NodeStart.row(node(node));
    }

    @Override
    public int startColumn(int node) {
        return NodeStart.column(node(node));
    }

    @Override
    public int endRow(int node) {
        return NodeStart.endRow(node(node));
    }

    @Override
    public int endColumn(int node) {
        return node(node).getEndPoint().getColumn();
    }

    @Override
    public int startByte(int node) {
        return NodeStart.startByte(node(node));
    }

    @Override
    public int endByte(int node) {
        return node(node).getEndByte();
    }

    @Override
    public int childCount(int node) {
        return node(node).getChildCount();
    }

    @Override
    public int child(int node, int i) {
        return handle(node(node).getChild(i));
    }

    @Override
    public int namedChildCount(int node) {
        return node(node).getNamedChildCount();
    }

    @Override
    public int namedChild(int node, int i) {
        return handle(node(node).getNamedChild(i));
    }

    @Override
    public int childByField(int node, String field) {
        return handle(NodeStart.child(node(node), field));
    }

    @Override
    public int parent(int node) {
        return handle(node(node).getParent());
    }

    @Override
    public boolean hasError(int node) {
        return node(node).hasError();
    }

    @Override
    public boolean isError(int node) {
        return node(node).isError();
    }

    @Override
    public boolean isMissing(int node) {
        return node(node).isMissing();
    }

    @Override
    public String typeAt(int row, int column) {
        TSNode n = node(0).getDescendantForPointRange(new TSPoint(row, column), new TSPoint(row, column + 1));
        return NodeStart.isNull(n) ? null : NodeStart.type(n);
    }

    @Override
    public void close() {
        try {
            cursor.close();
        } finally {
            tree.close();
        }
    }
}
