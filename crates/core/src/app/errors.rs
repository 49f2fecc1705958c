//! Errors in words for the person using the desktop app, in their UI language. The core's
//! messages say what is wrong in English and name no command-line flag; the command line adds
//! its own hints (how to run the fix), and this module says what to do in the app.

use super::settings::UiLang;
use crate::Error;
use crate::error::Code;

/// An error as the desktop app shows it: the stable code, and a message for a person.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct ShownError {
    /// The stable code (the front end may add its own words or a button by it).
    pub code: Code,
    /// What happened and what to do, in the person's UI language.
    pub message: String,
    /// The values a render lacks, so the palette asks for exactly these.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub missing: Vec<String>,
}

/// `error` in words for a person using the app. The English detail stays in the message where
/// it carries what only the core knows (a file's line and column, a provider's answer).
#[must_use]
pub fn for_person(error: &Error, ui: UiLang) -> ShownError {
    let missing = match error {
        Error::Render { missing, .. } => missing.clone(),
        _ => Vec::new(),
    };
    let detail = error.to_string();
    let advice = advice(error, ui);
    let message = match advice {
        Some(advice) if ui == UiLang::ZhCn => format!("{advice}\n{detail}"),
        Some(advice) => format!("{detail}. {advice}"),
        None => detail,
    };
    ShownError {
        code: error.code(),
        message,
        missing,
    }
}

/// What to do in the app, by error code: (codes, English, Chinese).
const ADVICE: &[(&[Code], &str, &str)] = &[
    (
        &[Code::UnknownTemplate],
        "It may have been deleted or renamed: search for it again",
        "该回复已不存在，可能已被删除或改名。",
    ),
    (
        &[Code::UnknownOrder],
        "Import the marketplace's order file first",
        "找不到该订单：请先导入订单文件。",
    ),
    (
        &[Code::Unreviewed],
        "Press Enter again to paste it anyway",
        "该译文尚未审核：再按一次 Enter 仍然粘贴。",
    ),
    (
        &[Code::NoProvider, Code::UnknownProvider],
        "Add a translation provider in Settings → Translation",
        "请在 设置 → 翻译 中添加翻译服务。",
    ),
    (
        &[Code::SeveralProviders],
        "Choose the default provider in Settings → Translation",
        "请在 设置 → 翻译 中选择默认的翻译服务。",
    ),
    (
        &[Code::EmptyKey, Code::MtNoKey, Code::MtBadKey],
        "Enter the API key again in Settings → Translation",
        "请在 设置 → 翻译 中重新输入 API 密钥。",
    ),
    (
        &[Code::MtNetwork],
        "Check the network connection and the provider's address in Settings → Translation",
        "请检查网络连接，以及 设置 → 翻译 中的服务地址。",
    ),
    (
        &[Code::MtQuota, Code::MtRateLimited, Code::MtService],
        "Try again later, or use another provider",
        "翻译服务暂时不可用：请稍后再试，或换用其他翻译服务。",
    ),
    (
        &[Code::Keyring],
        "Unlock or start the system keyring, then try again",
        "系统密钥环不可用：请解锁或启动密钥环后重试。",
    ),
    (
        &[Code::Busy],
        "Another program is writing to the library: try again in a moment",
        "回复库正忙（另一个程序正在写入）：请稍后再试。",
    ),
    (
        &[Code::Db, Code::Migration],
        "The library file may be damaged or from a newer version of QuickReply",
        "回复库文件可能已损坏，或来自更新的版本。",
    ),
    (
        &[Code::TeamRemote],
        "Your changes are kept and go out with the next successful sync; check the network, the address in Settings → Team, and your access to the repository",
        "你的修改已保留，下次同步成功时会发送；请检查网络、设置 → 团队 中的仓库地址以及你对该仓库的权限。",
    ),
    (
        &[Code::TeamNotBound],
        "Bind the library to a team repository in Settings → Team, or join one",
        "请在 设置 → 团队 中将回复库绑定到团队仓库，或加入一个团队仓库。",
    ),
    (
        &[Code::Model],
        "Suggestions match words only until the model file is back: reinstall QuickReply",
        "建议功能暂时只按字词匹配：请重新安装 QuickReply 以恢复模型文件。",
    ),
    (
        &[Code::Ftl],
        "Fix the text at the line and column shown",
        "请按行号和列号修正文本。",
    ),
];

/// What to do in the app about `error`, where there is something to say.
fn advice(error: &Error, ui: UiLang) -> Option<&'static str> {
    let code = error.code();
    ADVICE
        .iter()
        .find(|(codes, _, _)| codes.contains(&code))
        .map(|(_, en, zh)| if ui == UiLang::ZhCn { *zh } else { *en })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_messages_carry_no_command_line_advice() {
        let errors = [
            Error::UnknownTemplate("x".into()),
            Error::UnknownOrder("A-1".into()),
            Error::NoProvider,
            Error::SeveralProviders(vec!["a".into(), "b".into()]),
            Error::EmptyKey,
            Error::UnknownProvider {
                name: "d".into(),
                configured: vec!["g".into()],
            },
            Error::Provider(crate::translate::MtError::NoKey {
                provider: "d".into(),
            }),
        ];
        for error in &errors {
            for ui in [UiLang::En, UiLang::ZhCn] {
                let shown = for_person(error, ui);
                assert!(
                    !shown.message.contains("quickreply ") && !shown.message.contains("--"),
                    "{shown:?}"
                );
            }
        }
        let zh = for_person(&Error::NoProvider, UiLang::ZhCn);
        assert!(zh.message.contains("设置"), "{zh:?}");
        assert_eq!(zh.code, Code::NoProvider);
    }

    #[test]
    fn missing_values_are_listed_for_the_form() {
        let shown = for_person(
            &Error::Render {
                key: "k".into(),
                locale: "en".into(),
                problems: "missing value for $a".into(),
                missing: vec!["a".into()],
            },
            UiLang::En,
        );
        assert_eq!(shown.code, Code::Missing);
        assert_eq!(shown.missing, vec!["a".to_string()]);
    }
}
