import LoopLensTrace
import Testing

/// The task table: consecutive identifiers are not stored; any others still map both ways.
@Suite struct TaskTableTests {
    @Test func consecutiveIdentifiersFromAnyStart() {
        var table = TaskTable()
        #expect(table.add(id: 7, name: "a", parent: nil) == 0)
        #expect(table.add(id: 8, name: "b", parent: 0) == 1)
        #expect(table.index(forID: 9) == 2, "a task first seen by its id")
        #expect(table.map(\.id) == [7, 8, 9])
        #expect(table.map(\.name) == ["a", "b", "task 9"])
        #expect(table[1].parent == 0 && table[0].parent == nil)
        #expect(table.index(ofID: 6) == nil && table.index(ofID: 10) == nil)
        #expect(table.index(ofID: Int.min) == nil, "no overflow far below the first id")
    }

    @Test func anIdentifierOutOfOrderSwitchesToAListAndKeepsEveryMapping() {
        var table = TaskTable()
        table.add(id: 1, name: "a", parent: nil)
        table.add(id: 2, name: "b", parent: 0)
        table.add(id: 100, name: "c", parent: 1)
        table.add(id: Int.max, name: "d", parent: nil)
        table.add(id: 3, name: "e", parent: nil)
        #expect(table.map(\.id) == [1, 2, 100, Int.max, 3])
        #expect([1, 2, 100, Int.max, 3].map { table.index(ofID: $0) } == [0, 1, 2, 3, 4])
        #expect(table.index(ofID: 4) == nil)
        #expect(table.add(id: 100, name: "renamed", parent: 0) == 2, "an existing id is renamed, not added")
        #expect(table[2].id == 100 && table[2].name == "renamed" && table[2].parent == 0)
        #expect(table.count == 5)
    }

    @Test func parentsAreStoredOnceATaskHasOne() {
        var table = TaskTable()
        for id in 1...3 { table.add(id: id, name: "t\(id)", parent: nil) }
        #expect(table.map(\.parent) == [nil, nil, nil])
        table.add(id: 4, name: "child", parent: 2)
        table.add(id: 5, name: "orphan", parent: nil)
        table.add(id: 1, name: "t1", parent: 3)
        #expect(table.map(\.parent) == [3, nil, nil, 2, nil])
    }
}
