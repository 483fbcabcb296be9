package io.headroom4j.compress.code;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;

class NodeStartTest {

    @Test
    void fieldsAgreeWithTheBindingsAndAreThenReadDirectly() {
        StringBuilder src = new StringBuilder("class A {\n");
        for (int i = 0; i < 20; i++) {
            src.append("    int f").append(i).append("(int x) { return x + ").append(i).append("; } // é\n");
        }
        src.append("}\n");
        try (TSParser parser = new TSParser()) {
            assertThat(parser.setLanguage(SourceLanguage.JAVA.newGrammar())).isTrue();
            try (TSTree tree = parser.parseString(null, src.toString());
                 TSTreeCursor cursor = new TSTreeCursor(tree.getRootNode())) {
                int visited = 0;
                boolean more = true;
                while (more) {
                    TSNode node = cursor.currentNode();
                    assertThat(NodeStart.row(node)).isEqualTo(node.getStartPoint().getRow());
                    assertThat(NodeStart.startByte(node)).isEqualTo(node.getStartByte());
                    assertThat(NodeStart.column(node)).isEqualTo(node.getStartPoint().getColumn());
                    assertThat(NodeStart.isNull(node)).isFalse();
                    TSNode name = node.getChildByFieldName("name");
                    assertThat(NodeStart.isNull(name)).isEqualTo(name == null || name.isNull());
                    // The accessors without the bindings' null check give the bindings' answers.
                    assertThat(NodeStart.endRow(node)).isEqualTo(node.getEndPoint().getRow());
                    assertThat(NodeStart.type(node)).isEqualTo(node.getType());
                    TSNode direct = NodeStart.child(node, "name");
                    assertThat(NodeStart.isNull(direct)).isEqualTo(NodeStart.isNull(name));
                    if (!NodeStart.isNull(name)) {
                        assertThat(NodeStart.startByte(direct)).isEqualTo(name.getStartByte());
                    }
                    visited++;
                    if (cursor.gotoFirstChild()) {
                        continue;
                    }
                    while (!cursor.gotoNextSibling()) {
                        if (!cursor.gotoParent()) {
                            more = false;
                            break;
                        }
                    }
                }
                assertThat(visited).isGreaterThan(100);
            }
        }
        // The current bindings lay the struct out as tree-sitter does: the fields are trusted after the checks.
        assertThat(NodeStart.direct()).isTrue();
    }
}
