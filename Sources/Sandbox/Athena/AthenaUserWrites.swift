import RollcallCore

/// The user writes athenaOne accepts, applied to one practice.
///
/// Update is a full PUT: the body replaces the record. Each optional writable
/// field the body leaves out is cleared (`email`, `npi`, `departmentids`,
/// `schedulingname`, `supervisingproviderid`, `providerid`) and `active` falls
/// back to its default, true; `username`, `firstname`, `lastname` and
/// `usertype` must be sent every time. This is the strictest reading of the
/// seed's "omitting optional fields could reset them", and the one a client
/// must survive.
enum AthenaUserWrites {
    static let required = ["username", "firstname", "lastname", "usertype"]
    static let optional = [
        "active", "email", "npi", "departmentids", "providerid", "supervisingproviderid", "schedulingname",
    ]

    static func create(
        _ form: AthenaForm, in practice: inout AthenaPractice, userid: Int, createdAt: String
    ) throws(AthenaError) -> AthenaUser {
        var user = try record(from: form, userid: userid, practice: practice)
        user.createddatetime = createdAt
        try checkUsernameFree(user.username, except: nil, in: practice)
        practice.users.append(user)
        return user
    }

    static func update(_ form: AthenaForm, userid: Int, in practice: inout AthenaPractice) throws(AthenaError) {
        guard let index = practice.users.firstIndex(where: { $0.userid == userid }) else {
            throw AthenaError.notFound("user \(userid)")
        }
        var user = try record(from: form, userid: userid, practice: practice)
        try checkUsernameFree(user.username, except: userid, in: practice)
        user.personid = practice.users[index].personid
        user.createddatetime = practice.users[index].createddatetime
        practice.users[index] = user
    }

    /// The record a form describes in full, after every field is checked.
    private static func record(
        from form: AthenaForm, userid: Int, practice: AthenaPractice
    ) throws(AthenaError) -> AthenaUser {
        let unknown = form.fields.keys.filter { !required.contains($0) && !optional.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw AthenaError(
                .badRequest, "Invalid fields.",
                detail: "These fields cannot be written: \(unknown.joined(separator: ", ")).",
                invalid: unknown)
        }
        let missing = required.filter { (form[$0] ?? "").isEmpty }
        if !missing.isEmpty {
            throw AthenaError(.badRequest, "Additional fields are required.", missing: missing, invalid: [])
        }
        var invalid: [String] = []
        let usertype = form["usertype"] ?? ""
        if AthenaUserType(rawValue: usertype) == nil { invalid.append("usertype") }
        var active = true
        switch form["active"] {
        case nil: break
        case "true": active = true
        case "false": active = false
        default: invalid.append("active")
        }
        let email = nonEmpty(form["email"])
        if let email, !email.contains("@") { invalid.append("email") }
        let npi = nonEmpty(form["npi"])
        if let npi, npi.count != 10 || !npi.allSatisfy(\.isASCII) || !npi.allSatisfy(\.isNumber) {
            invalid.append("npi")
        }
        let departments = Set(practice.departments.map(\.departmentid))
        var departmentids: [Int] = []
        if let list = nonEmpty(form["departmentids"]) {
            let ids = list.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
            if ids.contains(where: { $0 == nil || !departments.contains($0 ?? 0) }) {
                invalid.append("departmentids")
            } else {
                departmentids = ids.compactMap { $0 }
            }
        }
        let providers = Set(practice.providers.map(\.providerid))
        func provider(_ field: String) -> Int? {
            guard let text = nonEmpty(form[field]) else { return nil }
            guard let id = Int(text), providers.contains(id) else {
                invalid.append(field)
                return nil
            }
            return id
        }
        let providerid = provider("providerid")
        let supervisingproviderid = provider("supervisingproviderid")
        if !invalid.isEmpty {
            throw AthenaError(
                .badRequest, "Invalid values.", detail: "These fields have values athenaOne does not accept.",
                missing: [], invalid: invalid)
        }
        return AthenaUser(
            userid: userid, username: form["username"] ?? "", firstname: form["firstname"] ?? "",
            lastname: form["lastname"] ?? "", usertype: usertype, active: active, email: email, npi: npi,
            departmentids: departmentids, providerid: providerid, supervisingproviderid: supervisingproviderid,
            schedulingname: nonEmpty(form["schedulingname"]))
    }

    private static func checkUsernameFree(
        _ username: String, except userid: Int?, in practice: AthenaPractice
    ) throws(AthenaError) {
        if practice.users.contains(where: { $0.username.lowercased() == username.lowercased() && $0.userid != userid })
        {
            throw AthenaError(
                .badRequest, "The username is already in use.",
                detail: "A user named '\(username)' already exists in this practice.", invalid: ["username"])
        }
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
