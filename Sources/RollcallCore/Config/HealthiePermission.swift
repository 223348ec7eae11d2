/// The `can_*` permission flags a role may manage: those that Healthie's real schema
/// both reads on `OrganizationMembership` and writes through `updateOrganizationMembershipInput`,
/// less those it marks `@deprecated`.
///
/// The names are facts taken from Healthie's published schema (`Tests/Fixtures/healthie/schema.graphql`);
/// a test proves the list still matches it. The summaries and kinds are Rollcall's own, in the
/// terms a clinic IT admin reviews access in.
package enum HealthiePermission {
    /// The kind of access a flag grants: what a reviewer weighs it by.
    package enum Kind: String, Sendable, CaseIterable {
        /// Control over the organization: staff, roles, settings, audit. An admin-level grant.
        case administration = "organization administration"
        /// Patients' records, charts, labs, prescriptions and schedules.
        case clinicalRecords = "clinical records"
        /// Money: billing, claims, charges, products.
        case billing
        /// Conversations between staff.
        case messaging
        /// Templates, forms, documents and education material.
        case content
    }

    package struct Flag: Sendable {
        package var kind: Kind
        /// What holding the flag lets a person do.
        package var summary: String
    }

    package static let catalogue: [String: Flag] = [
        "can_access_calendar_quick_share": Flag(
            kind: .clinicalRecords, summary: "Share calendar slots through quick-share links."),
        "can_access_to_members_chat": Flag(
            kind: .messaging, summary: "Read the chat conversations of other active staff."),
        "can_add_clients": Flag(kind: .clinicalRecords, summary: "Register new patients."),
        "can_add_members": Flag(kind: .administration, summary: "Add new staff accounts to the organization."),
        "can_add_members_to_chat": Flag(kind: .messaging, summary: "Bring other active staff into a chat."),
        "can_assign_tasks_to_all_org_members": Flag(
            kind: .administration, summary: "Assign tasks to any staff member, not only to themselves."),
        "can_autogenerate_charting_notes_from_zoom_calls": Flag(
            kind: .clinicalRecords, summary: "Have charting notes drafted automatically from their Zoom visits."),
        "can_be_care_team_member": Flag(kind: .clinicalRecords, summary: "Be listed on a patient's care team."),
        "can_charge_clients": Flag(kind: .billing, summary: "Charge patients' payment methods."),
        "can_create_tags": Flag(kind: .content, summary: "Create new tags for patients and records."),
        "can_delete_charting_notes": Flag(kind: .clinicalRecords, summary: "Delete charting notes."),
        "can_delete_faxes": Flag(kind: .clinicalRecords, summary: "Delete faxes."),
        "can_edit_appointment_types": Flag(
            kind: .administration, summary: "Change the organization's appointment types."),
        "can_edit_calendar": Flag(kind: .clinicalRecords, summary: "Change calendars and the appointments on them."),
        "can_edit_credit": Flag(kind: .billing, summary: "Change the credit on a patient's account."),
        "can_edit_docs": Flag(kind: .content, summary: "Change shared documents."),
        "can_edit_education": Flag(kind: .content, summary: "Change patient education content."),
        "can_edit_forms": Flag(kind: .content, summary: "Change intake and charting form templates."),
        "can_edit_members": Flag(
            kind: .administration, summary: "Manage staff accounts and their roles: full control over who has access."),
        "can_edit_packages": Flag(kind: .billing, summary: "Change the packages offered for sale."),
        "can_edit_products": Flag(kind: .billing, summary: "Change the products offered for sale."),
        "can_edit_settings": Flag(kind: .administration, summary: "Change organization-wide settings."),
        "can_enroll_clients_to_programs": Flag(kind: .clinicalRecords, summary: "Enroll patients in programs."),
        "can_lock_others_charting_notes": Flag(
            kind: .clinicalRecords, summary: "Lock charting notes written by other staff."),
        "can_lock_own_charting_notes": Flag(kind: .clinicalRecords, summary: "Lock their own charting notes."),
        "can_manage_care_plan_templates": Flag(kind: .content, summary: "Create and change care plan templates."),
        "can_mark_assigned_tasks_to_other_org_members_as_completed": Flag(
            kind: .administration, summary: "Close tasks assigned to other staff."),
        "can_merge_clients": Flag(kind: .clinicalRecords, summary: "Merge two patient records into one."),
        "can_order_labs": Flag(kind: .clinicalRecords, summary: "Place lab orders for patients."),
        "can_remove_client": Flag(kind: .clinicalRecords, summary: "Remove patient records."),
        "can_remove_org_member_signatures": Flag(
            kind: .administration, summary: "Remove other staff's signatures from documents."),
        "can_rename_and_delete_tags": Flag(kind: .content, summary: "Rename and delete tags."),
        "can_see_billing": Flag(kind: .billing, summary: "See billing: invoices, payments and insurance claims."),
        "can_see_calendar": Flag(kind: .clinicalRecords, summary: "See calendars, and so who has an appointment when."),
        "can_see_clients": Flag(kind: .clinicalRecords, summary: "See patient records."),
        "can_see_docs": Flag(kind: .clinicalRecords, summary: "See patients' documents."),
        "can_see_faxes": Flag(kind: .clinicalRecords, summary: "See received faxes."),
        "can_see_fullscript_tab": Flag(
            kind: .clinicalRecords, summary: "Open the Fullscript supplement-prescribing tab."),
        "can_see_option_to_use_erx_dosespot": Flag(
            kind: .clinicalRecords, summary: "Use DoseSpot electronic prescribing."),
        "can_see_sent_faxes": Flag(kind: .clinicalRecords, summary: "See sent faxes."),
        "can_see_transfers": Flag(
            kind: .billing, summary: "See payouts transferred to the organization's bank account."),
        "can_set_client_password": Flag(kind: .administration, summary: "Set a patient's login password."),
        "can_share_documents_and_folders_with_org_members": Flag(
            kind: .content, summary: "Share documents and folders with other staff."),
        "can_sign_others_charting_notes": Flag(
            kind: .clinicalRecords, summary: "Sign charting notes written by other staff."),
        "can_sign_own_charting_notes": Flag(kind: .clinicalRecords, summary: "Sign their own charting notes."),
        "can_submit_cms_1500s_to_change_health": Flag(
            kind: .billing, summary: "Submit CMS-1500 claims through Change Healthcare."),
        "can_submit_cms_1500s_to_office_ally": Flag(
            kind: .billing, summary: "Submit CMS-1500 claims through Office Ally."),
        "can_unlock_charting_notes": Flag(
            kind: .clinicalRecords, summary: "Unlock locked charting notes so they can be changed again."),
        "can_view_all_org_members_tasks": Flag(kind: .administration, summary: "See every staff member's tasks."),
        "can_view_audit_log": Flag(kind: .administration, summary: "Read the organization's audit log."),
        "can_view_cms1500s": Flag(kind: .billing, summary: "See and change CMS-1500 claim forms."),
        "can_view_goal_templates": Flag(kind: .content, summary: "Use goal templates other staff have shared."),
        "can_view_labs": Flag(kind: .clinicalRecords, summary: "See patients' lab orders and results."),
        "can_view_org_dashboard": Flag(kind: .administration, summary: "See the organization's dashboard."),
        "can_view_reports": Flag(kind: .administration, summary: "See organization-wide reports."),
        "can_view_super_bills": Flag(kind: .billing, summary: "See and change superbills."),
        "can_write_org_addendums": Flag(
            kind: .clinicalRecords, summary: "Add addendums to other staff's charting notes."),
    ]

    /// Every flag name, sorted.
    package static let names: [String] = catalogue.keys.sorted()

    package static func isKnown(_ name: String) -> Bool {
        catalogue[name] != nil
    }

    /// Whether granting the flag is an admin-level grant, marked as an escalation even on a new account.
    package static func isAdministrative(_ name: String) -> Bool {
        catalogue[name]?.kind == .administration
    }
}

extension Config {
    /// The `can_*` flags some role manages, sorted: all a read of members needs to ask for.
    package var managedHealthiePermissions: [String] {
        Set(roles.values.flatMap { $0.healthie?.permissions.keys.map { $0 } ?? [] }).sorted()
    }
}
