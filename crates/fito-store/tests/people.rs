//! People's personal data in the store (R-PD-2): sealed on every write, and readable
//! only by a store that holds the database's master key.

use fito_store::test_support::{TestDb, columns_containing, test_key};
use fito_store::users::{self, Change, NewUser, STATUS_ACTIVE};
use fito_store::{Engine, MasterKey, PoolOptions, Store, StoreError, both_engines};

async fn open(db: &TestDb) -> Store {
    Store::connect(&db.url, &PoolOptions::default())
        .await
        .unwrap()
}

async fn person(store: &Store, email: &str) -> users::User {
    let new = NewUser {
        id: fito_core::new_id(),
        organization_id: None,
        role: Some("inspector".into()),
        status: STATUS_ACTIVE,
        surname: "Жұмабекқызы".into(),
        first_name: "Гүлназира".into(),
        patronymic: None,
        phone: None,
        email: email.into(),
        iin: Some("900101300007".into()),
        position: "Инспектор".into(),
        password_hash: None,
        must_change_password: false,
    };
    users::insert(store.writer(), new, fito_store::time::now_us())
        .await
        .unwrap()
}

async fn r_pd_2_a_change_is_sealed_and_found_by_its_new_blind_index(engine: Engine) {
    let db = TestDb::new(engine).await;
    let store = open(&db).await;
    store.migrate().await.unwrap();
    store.unlock(test_key()).await.unwrap();
    let before = person(&store, "old.address@fito.kz").await;

    let change = Change {
        email: Some("new.address@fito.kz".into()),
        phone: Some(Some("+7 701 555 12 34".into())),
        password_hash: Some(Some("hash".into())),
        must_change_password: Some(true),
        ..Change::default()
    };
    let txn = store.begin().await.unwrap();
    let after = users::update(&txn, before.id, change, fito_store::time::now_us())
        .await
        .unwrap();
    txn.commit().await.unwrap();

    assert_eq!(after.email, "new.address@fito.kz");
    assert_eq!(after.phone.as_deref(), Some("+7 701 555 12 34"));
    assert_eq!(after.password_hash.as_deref(), Some("hash"));
    assert!(after.must_change_password);
    // What the change did not name stays.
    assert_eq!(after.surname, before.surname);
    assert_eq!(after.iin, before.iin);
    assert_eq!(after.status, before.status);
    let found = users::find_by_email(store.reader(), "NEW.address@fito.kz")
        .await
        .unwrap()
        .expect("found by the new e-mail");
    assert_eq!(found.id, before.id);
    assert!(
        users::find_by_email(store.reader(), "old.address@fito.kz")
            .await
            .unwrap()
            .is_none()
    );
    for clear in ["new.address@fito.kz", "+7 701 555 12 34", "Жұмабекқызы"] {
        let hits = columns_containing(&store, clear).await;
        assert!(hits.is_empty(), "{clear} is stored in clear in {hits:?}");
    }
    store.close().await;
}
both_engines!(r_pd_2_a_change_is_sealed_and_found_by_its_new_blind_index);

async fn r_pd_2_only_a_store_given_the_master_key_reads_people(engine: Engine) {
    let db = TestDb::new(engine).await;
    let first = open(&db).await;
    first.migrate().await.unwrap();
    first.unlock(test_key()).await.unwrap();
    let someone = person(&first, "someone@fito.kz").await;

    // Keys belong to a store, not to the process: a second store on the same
    // database reads nobody until it is given the key.
    let second = open(&db).await;
    let locked = users::get(second.reader(), someone.id).await;
    assert!(matches!(locked, Err(StoreError::Privacy(_))), "{locked:?}");
    let wrong = second.unlock(MasterKey::from_bytes(&[9u8; 32])).await;
    assert!(matches!(wrong, Err(StoreError::Privacy(_))), "{wrong:?}");
    second.unlock(test_key()).await.unwrap();
    let read = users::get(second.reader(), someone.id)
        .await
        .unwrap()
        .expect("the person");
    assert_eq!(read.email, "someone@fito.kz");
    first.close().await;
    second.close().await;
}
both_engines!(r_pd_2_only_a_store_given_the_master_key_reads_people);
