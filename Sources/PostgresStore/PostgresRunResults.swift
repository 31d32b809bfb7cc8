import Assessment
import Domain
import PostgresNIO

/// A run's results as array columns, encoded before the save's transaction begins and
/// inserted in one statement (`unnest`), positioned by their order.
struct ResultArrays {
    private var subject: ArrayParam, id: ArrayParam, name: ArrayParam, group: ArrayParam
    private var rank: ArrayParam, groupSize: ArrayParam, submitted: ArrayParam
    private var adopted: ArrayParam, instructions: ArrayParam, compliance: ArrayParam
    private var grade: ArrayParam, veto: ArrayParam, reasons: ArrayParam, reward: ArrayParam, penalty: ArrayParam
    /// `converted` where `hasConverted`, 0 where it is nil (PostgresNIO's arrays hold no NULLs).
    private var points: [Double] = [], converted: [Double] = [], hasConverted: ArrayParam

    init(_ results: [SubjectResult]) throws {
        let n = results.count
        subject = ArrayParam(.text, capacity: n); id = ArrayParam(.text, capacity: n); name = ArrayParam(.text, capacity: n)
        group = ArrayParam(.text, capacity: n); rank = ArrayParam(.int8, capacity: n); groupSize = ArrayParam(.int8, capacity: n)
        submitted = ArrayParam(.int8, capacity: n); adopted = ArrayParam(.text, capacity: n); instructions = ArrayParam(.text, capacity: n)
        compliance = ArrayParam(.text, capacity: n); grade = ArrayParam(.text, capacity: n); veto = ArrayParam(.bool, capacity: n)
        reasons = ArrayParam(.text, capacity: n); reward = ArrayParam(.text, capacity: n); penalty = ArrayParam(.text, capacity: n)
        hasConverted = ArrayParam(.bool, capacity: n)
        for r in results {
            let d = r.decision
            subject.append(r.subject.rawValue)
            id.append(r.id)
            name.append(r.name)
            group.append(r.group)
            points.append(r.points)
            rank.append(r.rank)
            groupSize.append(r.groupSize)
            submitted.append(r.submitted)
            adopted.append(try RunRows.json(r.adopted))
            instructions.append(try RunRows.json(r.instructions))
            compliance.append(try RunRows.json(r.compliance))
            grade.append(d.grade)
            veto.append(d.veto)
            reasons.append(try RunRows.json(d.reasons))
            reward.append(d.reward)
            penalty.append(d.penalty)
            converted.append(d.converted ?? 0)
            hasConverted.append(d.converted != nil)
        }
    }

    func insert(run: String, _ conn: PostgresConnection) async throws {
        guard id.count > 0 else { return }
        try await conn.run("""
            INSERT INTO assessment_results (run, position, subject, id, name, grp, points, rank, group_size, submitted, adopted,
              instructions, compliance, grade, veto, reasons, reward, penalty, converted)
            SELECT \(run), x.ord - 1, x.subject, x.id, x.name, x.grp, x.points, x.rank, x.group_size, x.submitted, x.adopted,
              x.instructions, x.compliance, x.grade, x.veto, x.reasons, x.reward, x.penalty, CASE WHEN x.has_converted THEN x.converted END
            FROM unnest(\(subject)::text[], \(id)::text[], \(name)::text[], \(group)::text[], \(points)::float8[], \(rank)::bigint[],
                        \(groupSize)::bigint[], \(submitted)::bigint[], \(adopted)::text[], \(instructions)::text[], \(compliance)::text[],
                        \(grade)::text[], \(veto)::boolean[], \(reasons)::text[], \(reward)::text[], \(penalty)::text[],
                        \(converted)::float8[], \(hasConverted)::boolean[])
              WITH ORDINALITY AS x(subject, id, name, grp, points, rank, group_size, submitted, adopted, instructions, compliance, grade,
                                   veto, reasons, reward, penalty, converted, has_converted, ord)
            """)
    }
}
