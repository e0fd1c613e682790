//! Names instead of bare ids in lists and exports (issue 13, issue 15): objects with
//! their KATO code, region and district, and people's decrypted names (R-PD-2).

use super::pick;
use crate::app::{App, AppError};
use crate::i18n::Lang;
use fito_store::analytics::{district_of, labels, region_of};
use std::collections::HashMap;
use uuid::Uuid;

pub(crate) struct Names {
    objects: HashMap<Uuid, (String, Option<String>)>,
    people: HashMap<Uuid, String>,
    units: HashMap<String, String>,
}

/// Surname, first name and patronymic.
pub(crate) fn full_name(u: &fito_store::users::User) -> String {
    [
        Some(u.surname.as_str()),
        Some(u.first_name.as_str()),
        u.patronymic.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ")
}

impl Names {
    /// Looks up the objects and people named by a list, in batches.
    pub(crate) async fn load(
        app: &App,
        lang: Lang,
        objects: impl IntoIterator<Item = Uuid>,
        people: impl IntoIterator<Item = Uuid>,
    ) -> Result<Names, AppError> {
        let db = app.store.reader();
        let people: Vec<Uuid> = people.into_iter().collect();
        let people = fito_store::users::by_ids(db, &people)
            .await?
            .iter()
            .map(|u| (u.id, full_name(u)))
            .collect();
        let units = fito_store::reference::admin_units(db)
            .await?
            .into_iter()
            .map(|u| {
                let name = pick(
                    lang,
                    Some(&u.name_kk),
                    Some(&u.name_ru),
                    u.name_en.as_deref(),
                );
                (u.kato, name)
            })
            .collect();
        Ok(Names {
            objects: labels::objects(db, objects).await?,
            people,
            units,
        })
    }

    pub(crate) fn object(&self, id: Option<Uuid>) -> Option<String> {
        id.and_then(|id| self.objects.get(&id)).map(|o| o.0.clone())
    }

    pub(crate) fn kato(&self, id: Option<Uuid>) -> Option<String> {
        id.and_then(|id| self.objects.get(&id))
            .and_then(|o| o.1.clone())
    }

    /// The region's name of the object's KATO code.
    pub(crate) fn region(&self, id: Option<Uuid>) -> Option<String> {
        self.kato(id)
            .and_then(|k| self.units.get(&region_of(&k)).cloned())
    }

    /// The district's name, for objects below region level.
    pub(crate) fn district(&self, id: Option<Uuid>) -> Option<String> {
        let k = self.kato(id)?;
        let district = district_of(&k);
        (district != region_of(&k))
            .then(|| self.units.get(&district).cloned())
            .flatten()
    }

    pub(crate) fn person(&self, id: Uuid) -> Option<String> {
        self.people.get(&id).cloned()
    }
}
