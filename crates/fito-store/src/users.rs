//! People (R-USER-1): personal details, one role, status and, once used, the details
//! of their e-signature certificate.

use crate::conn::Conn;
use crate::entity::{organization, user};
use crate::privacy::keys::{create_person_key, db_master, person_key};
use crate::privacy::sealing::{
    blind_index, open_user, reveal, reveal_many, seal_user, touches_personal,
};
use crate::{Result, StoreError};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue, ActiveValue::Set, ColumnTrait, Condition, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

pub use user::Model as User;

pub const STATUS_PENDING: &str = "pending";
pub const STATUS_ACTIVE: &str = "active";
pub const STATUS_DEACTIVATED: &str = "deactivated";
/// Erased by an administrator (R-PD-2): the row keeps only its id, role and times.
pub const STATUS_DELETED: &str = "deleted";

#[derive(Clone)]
pub struct NewUser {
    pub id: Uuid,
    pub organization_id: Option<Uuid>,
    pub role: Option<String>,
    pub status: &'static str,
    pub surname: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    pub phone: Option<String>,
    pub email: String,
    pub iin: Option<String>,
    pub position: String,
    pub password_hash: Option<String>,
    pub must_change_password: bool,
}

/// Personal fields are stored encrypted under a new data key of the person, with
/// blind indexes of the e-mail and IIN (R-PD-2); the answer is the plaintext.
pub async fn insert<C: Conn>(conn: &C, new: NewUser, now: i64) -> Result<User> {
    let activated_at = (new.status == STATUS_ACTIVE).then_some(now);
    let master = db_master(conn).await?;
    let id = new.id;
    let mut model = user::ActiveModel {
        id: Set(new.id),
        organization_id: Set(new.organization_id),
        role: Set(new.role),
        status: Set(new.status.to_string()),
        surname: Set(new.surname),
        first_name: Set(new.first_name),
        patronymic: Set(new.patronymic),
        phone: Set(new.phone),
        email: Set(new.email),
        iin: Set(new.iin),
        position: Set(new.position),
        password_hash: Set(new.password_hash),
        must_change_password: Set(new.must_change_password),
        cert_subject: Set(None),
        cert_serial: Set(None),
        cert_issuer: Set(None),
        cert_valid_from: Set(None),
        cert_valid_to: Set(None),
        cert_bin: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        activated_at: Set(activated_at),
        email_bix: Set(None),
        iin_bix: Set(None),
    };
    // The key is made first so the row never exists unencrypted; a refused insert
    // (duplicate e-mail) takes it back with its transaction, or leaves an unused key.
    let key = create_person_key(conn, &master, id, now).await?;
    seal_user(&mut model, id, &key, &master);
    let stored = model
        .insert(conn)
        .await
        .map_err(|e| StoreError::from_write(e, &["email", "iin", "id"]))?;
    open_user(stored, Some(&key))
}

pub async fn get<C: Conn>(conn: &C, id: Uuid) -> Result<Option<User>> {
    match user::Entity::find_by_id(id).one(conn).await? {
        Some(u) => Ok(Some(reveal(conn, u).await?)),
        None => Ok(None),
    }
}

/// The people with these ids (those that exist), decrypted (R-PD-2): names for
/// reports and lists that hold ids.
pub async fn by_ids<C: Conn>(conn: &C, ids: &[Uuid]) -> Result<Vec<User>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    for chunk in ids.chunks(500) {
        found.extend(
            user::Entity::find()
                .filter(user::Column::Id.is_in(chunk.iter().copied()))
                .order_by_asc(user::Column::Id)
                .all(conn)
                .await?,
        );
    }
    reveal_many(conn, found).await
}

pub async fn find_by_email<C: Conn>(conn: &C, email: &str) -> Result<Option<User>> {
    let master = db_master(conn).await?;
    let found = user::Entity::find()
        .filter(user::Column::EmailBix.eq(blind_index(&master, "email", email)))
        .one(conn)
        .await?;
    match found {
        Some(u) => Ok(Some(reveal(conn, u).await?)),
        None => Ok(None),
    }
}

/// The user whose IIN is exactly `iin` (the e-signature certificate's, R-AUTH-2).
pub async fn find_by_iin<C: Conn>(conn: &C, iin: &str) -> Result<Option<User>> {
    let master = db_master(conn).await?;
    let found = user::Entity::find()
        .filter(user::Column::IinBix.eq(blind_index(&master, "iin", iin)))
        .one(conn)
        .await?;
    match found {
        Some(u) => Ok(Some(reveal(conn, u).await?)),
        None => Ok(None),
    }
}

pub async fn count<C: Conn>(conn: &C) -> Result<u64> {
    Ok(user::Entity::find().count(conn).await?)
}

#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Only users of organisations whose path starts with this (R-ORG-1).
    pub org_path: String,
    /// Also list people not yet placed in any organisation (pending sign-ups); only
    /// for those who see the whole tree.
    pub include_unplaced: bool,
    pub status: Option<String>,
    pub role: Option<String>,
    pub organization_id: Option<Uuid>,
    pub offset: u64,
    pub limit: u64,
}

pub async fn list<C: Conn>(conn: &C, filter: &ListFilter) -> Result<Vec<User>> {
    let in_subtree = user::Column::OrganizationId.in_subquery(
        Query::select()
            .column(organization::Column::Id)
            .from(organization::Entity)
            .and_where(Expr::col(organization::Column::Path).like(format!("{}%", filter.org_path)))
            .to_owned(),
    );
    let mut scope = Condition::any().add(in_subtree);
    if filter.include_unplaced {
        scope = scope.add(user::Column::OrganizationId.is_null());
    }
    let mut q = user::Entity::find().filter(scope);
    match &filter.status {
        Some(s) => q = q.filter(user::Column::Status.eq(s.as_str())),
        // Erased people (R-PD-2) are listed only when asked for by status.
        None => q = q.filter(user::Column::Status.ne(STATUS_DELETED)),
    }
    if let Some(r) = &filter.role {
        q = q.filter(user::Column::Role.eq(r.as_str()));
    }
    if let Some(o) = filter.organization_id {
        q = q.filter(user::Column::OrganizationId.eq(o));
    }
    // Surnames are encrypted: the page is cut after sorting the decrypted rows.
    let found = q.order_by_asc(user::Column::Id).all(conn).await?;
    let mut found = reveal_many(conn, found).await?;
    found.sort_by(|a, b| (a.surname.as_str(), a.id).cmp(&(b.surname.as_str(), b.id)));
    Ok(found
        .into_iter()
        .skip(usize::try_from(filter.offset).unwrap_or(usize::MAX))
        .take(usize::try_from(filter.limit).unwrap_or(usize::MAX))
        .collect())
}

/// A change to a user: the fields given (`Some`) are written, the others stay.
/// Personal fields are sealed again under the person's key (R-PD-2).
#[derive(Clone, Default)]
pub struct Change {
    pub surname: Option<String>,
    pub first_name: Option<String>,
    pub patronymic: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub email: Option<String>,
    pub iin: Option<Option<String>>,
    pub position: Option<String>,
    pub organization_id: Option<Option<Uuid>>,
    pub role: Option<Option<String>>,
    pub status: Option<String>,
    pub activated_at: Option<Option<i64>>,
    pub password_hash: Option<Option<String>>,
    pub must_change_password: Option<bool>,
    pub certificate: Option<Certificate>,
}

/// The details of the e-signature certificate a person last signed in with.
#[derive(Clone, Default)]
pub struct Certificate {
    pub subject: Option<String>,
    pub serial: Option<String>,
    pub issuer: Option<String>,
    pub valid_from: Option<i64>,
    pub valid_to: Option<i64>,
    pub bin: Option<String>,
}

/// Writes `change` to user `id`; answers the user as stored now.
pub async fn update<C: Conn>(conn: &C, id: Uuid, change: Change, now: i64) -> Result<User> {
    fn put<T: Into<sea_orm::Value>>(field: &mut ActiveValue<T>, value: Option<T>) {
        if let Some(v) = value {
            *field = Set(v);
        }
    }
    let mut m = user::ActiveModel {
        id: ActiveValue::Unchanged(id),
        ..Default::default()
    };
    put(&mut m.surname, change.surname);
    put(&mut m.first_name, change.first_name);
    put(&mut m.patronymic, change.patronymic);
    put(&mut m.phone, change.phone);
    put(&mut m.email, change.email);
    put(&mut m.iin, change.iin);
    put(&mut m.position, change.position);
    put(&mut m.organization_id, change.organization_id);
    put(&mut m.role, change.role);
    put(&mut m.status, change.status);
    put(&mut m.activated_at, change.activated_at);
    put(&mut m.password_hash, change.password_hash);
    put(&mut m.must_change_password, change.must_change_password);
    if let Some(c) = change.certificate {
        m.cert_subject = Set(c.subject);
        m.cert_serial = Set(c.serial);
        m.cert_issuer = Set(c.issuer);
        m.cert_valid_from = Set(c.valid_from);
        m.cert_valid_to = Set(c.valid_to);
        m.cert_bin = Set(c.bin);
    }
    save(conn, m, now).await
}

/// Writes back a changed user; the caller sets the fields on the active model.
/// Prefer [`update`], which needs no SeaORM type.
pub(crate) async fn save<C: Conn>(
    conn: &C,
    mut model: user::ActiveModel,
    now: i64,
) -> Result<User> {
    model.updated_at = Set(now);
    let id = match &model.id {
        ActiveValue::Set(id) | ActiveValue::Unchanged(id) => *id,
        ActiveValue::NotSet => return Err(StoreError::NotFound),
    };
    let key = person_key(conn, id).await?;
    if touches_personal(&model) {
        let master = db_master(conn).await?;
        let key = key
            .as_ref()
            .ok_or(StoreError::Privacy("the person has been erased"))?;
        seal_user(&mut model, id, key, &master);
    }
    let stored = model
        .update(conn)
        .await
        .map_err(|e| StoreError::from_write(e, &["email", "iin"]))?;
    open_user(stored, key.as_ref())
}
